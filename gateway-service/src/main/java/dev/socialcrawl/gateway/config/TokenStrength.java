package dev.socialcrawl.gateway.config;

import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import io.smallrye.config.SmallRyeConfig;

/**
 * Refuses to start in {@code prod} with a service token too short to be a secret: a guessable token would let anyone
 * who reaches billing's or the proxy's port spend credits or upstream calls (docs/api.md#limits).
 */
@Startup
@Singleton
public class TokenStrength {
    static final int PROD_MIN_LENGTH = 32;

    public TokenStrength(@ConfigProperty(name = "billing.internal-token") String billingToken,
            @ConfigProperty(name = "proxy.internal-token") String proxyToken, Config config) {
        List<String> profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
        check("BILLING_INTERNAL_TOKEN (billing.internal-token)", billingToken, profiles);
        check("PROXY_INTERNAL_TOKEN (proxy.internal-token)", proxyToken, profiles);
    }

    static void check(String setting, String token, List<String> profiles) {
        if (profiles.contains("prod") && token.length() < PROD_MIN_LENGTH) {
            throw new IllegalStateException(setting + " must be at least " + PROD_MIN_LENGTH
                    + " characters in the prod profile; it has " + token.length());
        }
    }
}

package dev.socialcrawl.proxy.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;
import io.smallrye.config.SmallRyeConfig;

import dev.socialcrawl.proxy.config.ProxyApiConfig;

/** The service token of the proxy's API ({@code X-Internal-Token}), checked at start and on every request. */
@Startup
@Singleton
public class InternalToken {
    public static final String HEADER = "X-Internal-Token";
    static final int PROD_MIN_LENGTH = 32;

    private final byte[] expected;

    public InternalToken(ProxyApiConfig config, Config mpConfig) {
        String token = config.internalToken();
        check(token, mpConfig.unwrap(SmallRyeConfig.class).getProfiles());
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Refuses a token too short to be a secret in {@code prod}: a guessable token opens upstream spend to anyone. */
    static void check(String token, List<String> profiles) {
        if (profiles.contains("prod") && token.length() < PROD_MIN_LENGTH) {
            throw new IllegalStateException("PROXY_INTERNAL_TOKEN (proxy.internal-token) must be at least "
                    + PROD_MIN_LENGTH + " characters in the prod profile; it has " + token.length());
        }
    }

    /** Whether the presented header value is the token (compared in constant time). */
    public boolean accepts(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected);
    }
}

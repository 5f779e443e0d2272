package dev.socialcrawl.billing.config;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * In prod, a short token is a guessable one: every configured token must have at least {@link #MIN_LENGTH}
 * characters, and the read-only ledger token must differ from the others (it would open their doors), or billing
 * refuses to start with a message naming the setting. Dev and test keep their short fixed tokens.
 */
@ApplicationScoped
public class ProdTokenCheck {
    public static final int MIN_LENGTH = 32;
    private static final String LEDGER = "billing.ledger-token (BILLING_LEDGER_TOKEN)";

    void onStart(@Observes StartupEvent event, BillingConfig config) {
        if (ConfigUtils.isProfileActive("prod")) {
            check(tokens(config));
        }
    }

    /** Setting name (with its env name) → value, unset optional tokens left out. */
    static Map<String, String> tokens(BillingConfig config) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("billing.admin-token (BILLING_ADMIN_TOKEN)", config.adminToken());
        tokens.put("billing.internal-token (BILLING_INTERNAL_TOKEN)", config.internalToken());
        config.ledgerToken().ifPresent(value -> tokens.put(LEDGER, value));
        return tokens;
    }

    /** @throws IllegalStateException naming the first setting that breaks the rule */
    public static void check(Map<String, String> tokens) {
        tokens.forEach((setting, value) -> {
            if (value.strip().length() < MIN_LENGTH) {
                throw new IllegalStateException(setting + " must be at least " + MIN_LENGTH
                        + " characters in prod (it has " + value.strip().length() + "); generate one with: openssl rand -hex 32");
            }
        });
        String ledger = tokens.get(LEDGER);
        if (ledger != null) {
            tokens.forEach((setting, value) -> {
                if (!setting.equals(LEDGER) && value.equals(ledger)) {
                    throw new IllegalStateException(LEDGER + " must differ from " + setting
                            + ": the read-only token would open everything the other one opens");
                }
            });
        }
    }
}

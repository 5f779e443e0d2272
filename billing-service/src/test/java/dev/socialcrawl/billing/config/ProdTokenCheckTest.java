package dev.socialcrawl.billing.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** In prod every configured token has at least 32 characters, and the read-only one opens no other door. */
class ProdTokenCheckTest {
    private static final String LONG_A = "a".repeat(32);
    private static final String LONG_B = "b".repeat(40);
    private static final String LONG_C = "c".repeat(64);

    @Test
    void longDistinctTokensPassAndTheLedgerTokenIsOptional() {
        assertDoesNotThrow(() -> ProdTokenCheck.check(tokens(LONG_A, LONG_B, LONG_C)));
        assertDoesNotThrow(() -> ProdTokenCheck.check(tokens(LONG_A, LONG_B, null)));
    }

    @Test
    void aShortTokenStopsTheStartNamingItsSetting() {
        IllegalStateException admin = assertThrows(IllegalStateException.class,
                () -> ProdTokenCheck.check(tokens("short-admin-token", LONG_B, LONG_C)));
        assertEquals("billing.admin-token (BILLING_ADMIN_TOKEN) must be at least 32 characters in prod (it has 17);"
                + " generate one with: openssl rand -hex 32", admin.getMessage());
        IllegalStateException internal = assertThrows(IllegalStateException.class,
                () -> ProdTokenCheck.check(tokens(LONG_A, "x".repeat(31), LONG_C)));
        assertEquals("billing.internal-token (BILLING_INTERNAL_TOKEN) must be at least 32 characters in prod (it has 31);"
                + " generate one with: openssl rand -hex 32", internal.getMessage());
        IllegalStateException ledger = assertThrows(IllegalStateException.class,
                () -> ProdTokenCheck.check(tokens(LONG_A, LONG_B, "dev-ledger-token")));
        assertEquals("billing.ledger-token (BILLING_LEDGER_TOKEN) must be at least 32 characters in prod (it has 16);"
                + " generate one with: openssl rand -hex 32", ledger.getMessage());
    }

    @Test
    void aLedgerTokenEqualToAnotherTokenIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProdTokenCheck.check(tokens(LONG_A, LONG_B, LONG_A)));
        assertEquals("billing.ledger-token (BILLING_LEDGER_TOKEN) must differ from billing.admin-token (BILLING_ADMIN_TOKEN):"
                + " the read-only token would open everything the other one opens", e.getMessage());
    }

    private static Map<String, String> tokens(String admin, String internal, String ledger) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("billing.admin-token (BILLING_ADMIN_TOKEN)", admin);
        tokens.put("billing.internal-token (BILLING_INTERNAL_TOKEN)", internal);
        if (ledger != null) {
            tokens.put("billing.ledger-token (BILLING_LEDGER_TOKEN)", ledger);
        }
        return tokens;
    }
}

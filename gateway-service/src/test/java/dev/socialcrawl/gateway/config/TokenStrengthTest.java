package dev.socialcrawl.gateway.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TokenStrengthTest {

    @Test
    void aShortTokenStopsAProdStartNamingTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TokenStrength.check("PROXY_INTERNAL_TOKEN (proxy.internal-token)", "short", List.of("prod")));
        assertTrue(e.getMessage().startsWith("PROXY_INTERNAL_TOKEN (proxy.internal-token) must be at least 32"));
        assertDoesNotThrow(() -> TokenStrength.check("x", "a".repeat(32), List.of("prod")));
    }

    @Test
    void devAndTestKeepTheirShortDefaults() {
        assertDoesNotThrow(() -> TokenStrength.check("x", "test-proxy-token", List.of("test")));
        assertDoesNotThrow(() -> TokenStrength.check("x", "dev-internal-token", List.of("dev")));
    }
}

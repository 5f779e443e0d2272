package dev.socialcrawl.proxy.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.socialcrawl.proxy.config.ProxyApiConfig;

/** {@code proxy.internal-token} as application.properties and the environment give it, per profile. */
class InternalTokenConfigTest {
    private static final String LONG_ENOUGH = "k".repeat(InternalToken.PROD_MIN_LENGTH);

    @Test
    void prodWithoutTheTokenDoesNotStartAndSaysWhichPropertyIsMissing() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () -> config("prod", Map.of()));
        assertTrue(e.getMessage().contains("proxy.internal-token"), e.getMessage());
    }

    @Test
    void prodRefusesATokenShorterThan32Characters() {
        String shortToken = LONG_ENOUGH.substring(1);
        ProxyApiConfig prod = config("prod", Map.of("PROXY_INTERNAL_TOKEN", shortToken));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InternalToken.check(prod.internalToken(), List.of("prod")));
        assertTrue(e.getMessage().contains("PROXY_INTERNAL_TOKEN") && e.getMessage().contains("32"), e.getMessage());
        assertTrue(!e.getMessage().contains(shortToken), "the token itself is never in a message");
    }

    @Test
    void prodTakesALongEnoughTokenFromTheEnvironment() {
        ProxyApiConfig prod = config("prod", Map.of("PROXY_INTERNAL_TOKEN", LONG_ENOUGH));
        assertEquals(LONG_ENOUGH, prod.internalToken());
        assertDoesNotThrow(() -> InternalToken.check(prod.internalToken(), List.of("prod")));
    }

    @Test
    void devAndTestHaveFixedTokensOfAnyLength() {
        assertEquals("dev-proxy-token", config("dev", Map.of()).internalToken());
        assertEquals("test-proxy-token", config("test", Map.of()).internalToken());
        assertDoesNotThrow(() -> InternalToken.check("test-proxy-token", List.of("test")));
    }

    private static ProxyApiConfig config(String profile, Map<String, String> env) {
        URL properties = InternalTokenConfigTest.class.getResource("/application.properties");
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withProfile(profile)
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withSources(new EnvConfigSource(env, 300))
                    .withMapping(ProxyApiConfig.class)
                    .build();
            return config.getConfigMapping(ProxyApiConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

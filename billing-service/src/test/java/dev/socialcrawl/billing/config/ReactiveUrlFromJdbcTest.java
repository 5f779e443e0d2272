package dev.socialcrawl.billing.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Operators set the JDBC URL only; the debit lanes' reactive pool reads the same database from it. */
class ReactiveUrlFromJdbcTest {

    @Test
    void theReactiveUrlIsTheJdbcUrlWithoutItsPrefixParametersIncluded() {
        SmallRyeConfig config = config("prod", Map.of(ReactiveUrlFromJdbc.JDBC_URL,
                "jdbc:postgresql://db.internal:6543/socialcrawl?sslmode=require"));
        assertEquals("postgresql://db.internal:6543/socialcrawl?sslmode=require",
                config.getRawValue(ReactiveUrlFromJdbc.REACTIVE_URL));
    }

    @Test
    void theJdbcUrlIsReadWithProfilesAndExpressionsAsQuarkusReadsIt() {
        SmallRyeConfig config = config("prod", Map.of(
                ReactiveUrlFromJdbc.JDBC_URL, "jdbc:postgresql://127.0.0.1:5432/dev",
                "%prod." + ReactiveUrlFromJdbc.JDBC_URL, "jdbc:postgresql://${db.host}:5432/socialcrawl",
                "db.host", "primary.db"));
        assertEquals("postgresql://primary.db:5432/socialcrawl", config.getValue(ReactiveUrlFromJdbc.REACTIVE_URL,
                String.class));
    }

    @Test
    void aReactiveUrlSetExplicitlyWins() {
        SmallRyeConfig config = config("prod", Map.of(ReactiveUrlFromJdbc.JDBC_URL, "jdbc:postgresql://a/db",
                ReactiveUrlFromJdbc.REACTIVE_URL, "postgresql://b/db"));
        assertEquals("postgresql://b/db", config.getRawValue(ReactiveUrlFromJdbc.REACTIVE_URL));
    }

    @Test
    void withoutAJdbcUrlThereIsNoReactiveUrlEither() {
        SmallRyeConfig config = config("prod", Map.of("other", "x"));
        assertTrue(config.getOptionalValue(ReactiveUrlFromJdbc.REACTIVE_URL, String.class).isEmpty());
    }

    private static SmallRyeConfig config(String profile, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new ReactiveUrlFromJdbc())
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .build();
    }
}

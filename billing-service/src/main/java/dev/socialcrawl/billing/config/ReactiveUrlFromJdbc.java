package dev.socialcrawl.billing.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Operators configure PostgreSQL once (docs/operations.md: {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code _USERNAME},
 * {@code _PASSWORD}). The reactive pool of the debit lanes takes the same URL without its {@code jdbc:} prefix,
 * unless {@code quarkus.datasource.reactive.url} is set itself; username and password are the datasource's anyway.
 * The reactive client reads host, port, database and {@code sslmode} from the URL and ignores pgjdbc's other
 * parameters; its certificate checks are configured with Quarkus' {@code quarkus.datasource.reactive.trust-*} keys.
 * The derived name is deliberately not listed among the configuration's names, so the build never records the
 * build-time URL as a default: the URL is derived from the JDBC URL the service starts with.
 */
public class ReactiveUrlFromJdbc implements ConfigSourceInterceptor {
    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String JDBC_PREFIX = "jdbc:";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !REACTIVE_URL.equals(name)) {
            return value;
        }
        ConfigValue jdbc = context.restart(JDBC_URL);
        if (jdbc == null || jdbc.getValue() == null || !jdbc.getValue().startsWith(JDBC_PREFIX)) {
            return null;
        }
        String url = jdbc.getValue().substring(JDBC_PREFIX.length());
        return ConfigValue.builder().withName(REACTIVE_URL).withValue(url).withRawValue(url)
                .withConfigSourceName(jdbc.getConfigSourceName() + " (" + JDBC_URL + " without " + JDBC_PREFIX + ")")
                .withConfigSourceOrdinal(jdbc.getConfigSourceOrdinal()).build();
    }
}

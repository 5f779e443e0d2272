package dev.socialcrawl.gateway.redis;

import jakarta.inject.Singleton;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.vertx.redis.client.RedisOptions;

/**
 * Keeps a copy of the options Quarkus builds for its default Redis client from {@code quarkus.redis.*} (address,
 * TLS, credentials, database, timeouts), so that {@link RedisLanes} opens its own connections with exactly what the
 * operator configured, through Quarkus' public customizer hook, without reading any config key twice.
 */
@Singleton
public class LaneOptions implements RedisOptionsCustomizer {
    private volatile RedisOptions options;

    @Override
    public void customize(String clientName, RedisOptions built) {
        if (RedisConfig.isDefaultClient(clientName)) {
            options = new RedisOptions(built);
        }
    }

    /** A copy of the default client's options; fails when Quarkus built no default client. */
    RedisOptions copy() {
        RedisOptions captured = options;
        if (captured == null) {
            throw new IllegalStateException("Quarkus built no default Redis client (quarkus.redis.hosts)");
        }
        return new RedisOptions(captured);
    }
}

package dev.socialcrawl.gateway.cache;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.gateway.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.redis.Hashing;
import dev.socialcrawl.gateway.redis.RedisCommands;
import dev.socialcrawl.gateway.redis.RedisKeys;

/**
 * Step 8 of api-contract §3 (§6): the shared response cache. A lookup reads the entry and the account's last
 * known balance in one MGET, so a hit costs a single round trip here.
 */
@Singleton
public class ResponseCache {
    private static final Logger LOG = Logger.getLogger(ResponseCache.class);

    /** The cached data JSON (if any) and the account's balance as last learnt (if still fresh). */
    public record Lookup(Optional<String> data, Optional<Long> balance) {
    }

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final GatewayConfig config;

    public ResponseCache(RedisCommands redis, RedisKeys keys, GatewayConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
    }

    public Uni<Lookup> lookup(ValidatedRequest request, long accountId) {
        return redis.execute("MGET", redisKey(request), keys.balance(accountId))
                .map(r -> new Lookup(text(r.get(0)), text(r.get(1)).map(Long::parseLong)));
    }

    public Uni<Void> store(ValidatedRequest request, String data) {
        return redis.execute("SET", redisKey(request), data, "PX", Long.toString(ttl(request.endpoint()).toMillis()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not store a response in the cache: %s", String.valueOf(e));
                    return null;
                });
    }

    /** Per-endpoint config, then the catalogue's own override, then per-archetype config, then the default. */
    public Duration ttl(Endpoint endpoint) {
        Duration perEndpoint = config.cache().endpointTtl().get(endpoint.path().substring(1));
        if (perEndpoint != null) {
            return perEndpoint;
        }
        if (endpoint.cacheTtl() != null) {
            return endpoint.cacheTtl();
        }
        return config.cache().ttl().getOrDefault(endpoint.archetype().configKey(),
                endpoint.archetype().defaultCacheTtl());
    }

    /** The entry's Redis name: platform, resource and every param (format included), sorted and encoded. */
    public String redisKey(ValidatedRequest request) {
        SortedMap<String, String> params = request.params();
        StringBuilder sb = new StringBuilder(request.endpoint().platform()).append('/')
                .append(request.endpoint().resource()).append('?');
        params.forEach((k, v) -> sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return keys.cache(Hashing.sha256Hex(sb.toString()));
    }

    private static Optional<String> text(Response r) {
        return r == null ? Optional.empty() : Optional.of(r.toString());
    }
}

package dev.socialcrawl.gateway.cache;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SortedMap;

import jakarta.inject.Singleton;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.redis.Hashing;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * Step 8 of docs/api.md#order-of-checks (#caching-and-stale-answers): the shared response cache, owner of the
 * {@code {p}gw:cache:*} entries. It builds the commands that read and write them; the request path sends them
 * together with other owners' commands.
 */
@Singleton
public class ResponseCache {
    private final RedisKeys keys;
    private final GatewayConfig config;

    public ResponseCache(RedisKeys keys, GatewayConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** The request's entry, fresh or not, or {@code null} when there is none. */
    public RedisOp<CachedEntry> read(ValidatedRequest request) {
        Duration ttl = ttl(request.endpoint());
        return RedisOp.read(Request.cmd(Command.GET).arg(redisKey(request)),
                r -> CachedEntry.decode(r == null ? null : r.toBytes(), ttl));
    }

    /**
     * Stores usable data fetched now. It is fresh for the endpoint's TTL and kept {@code gateway.cache.stale-retention}
     * longer, only for requests that accept stale data (docs/api.md#caching-and-stale-answers).
     */
    public RedisOp<Void> store(ValidatedRequest request, String data) {
        Duration ttl = ttl(request.endpoint());
        return RedisOp.write(Request.cmd(Command.SET).arg(redisKey(request))
                .arg(CachedEntry.encode(System.currentTimeMillis(), data))
                .arg("PX").arg(ttl.plus(config.cache().staleRetention()).toMillis()));
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
    private String redisKey(ValidatedRequest request) {
        SortedMap<String, String> params = request.params();
        StringBuilder sb = new StringBuilder(request.endpoint().platform()).append('/')
                .append(request.endpoint().resource()).append('?');
        params.forEach((k, v) -> sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return keys.cache(Hashing.sha256Hex(sb.toString()));
    }

}

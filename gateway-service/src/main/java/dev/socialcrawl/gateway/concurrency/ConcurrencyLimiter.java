package dev.socialcrawl.gateway.concurrency;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.redis.LuaScript;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * Step 6 of docs/api.md#order-of-checks: per API key, a sorted set of leases (member = request id, score = expiry in ms
 * by Redis' clock). One script drops expired leases, counts and adds atomically, so the limit is exact across
 * replicas; a replica that dies leaks nothing beyond the lease TTL. The owner of the {@code {p}gw:conc:*} keys: a
 * request that may be answered from the cache first counts the live leases ({@link #liveLeases}) beside its cache
 * read and takes one here only on a miss.
 */
@Singleton
public class ConcurrencyLimiter {
    private static final Logger LOG = Logger.getLogger(ConcurrencyLimiter.class);
    static final String MESSAGE = "Too many concurrent requests on this API key: at most %d may be in flight.";

    private static final LuaScript ACQUIRE = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
            return 1
            """);

    private final RedisClient redis;
    private final RedisKeys keys;
    private final GatewayConfig config;
    private final Counter rejections;
    private final Set<String> releasedAlready = ConcurrentHashMap.newKeySet();

    public ConcurrencyLimiter(RedisClient redis, RedisKeys keys, GatewayConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.rejections = Counter.builder("gateway.concurrency.rejections")
                .description("Requests refused with 429 CONCURRENCY_LIMIT").register(registry);
    }

    /** Takes a slot or fails with 429; the caller must {@link #release} on every exit once this succeeded. */
    public Uni<Void> acquire(String keyHash, String requestId) {
        return tryAcquire(keyHash, requestId).map(taken -> {
            if (taken) {
                return null;
            }
            throw rejected();
        });
    }

    /** {@link #acquire} as an answer: {@code true} when a slot was taken, {@code false} when every slot is. */
    public Uni<Boolean> tryAcquire(String keyHash, String requestId) {
        return redis.run(ACQUIRE, List.of(keys.concurrency(keyHash)), acquireArgs(requestId))
                .map(r -> r.toLong() == 1L);
    }

    /**
     * How many leases of the key are live. A lease's score is its expiry by Redis' clock; this replica's clock
     * differs from it by the hosts' skew (milliseconds) against a lease TTL of minutes, so only leases a dead replica
     * left behind come near their expiry.
     */
    public RedisOp<Long> liveLeases(String keyHash) {
        return RedisOp.read(Request.cmd(Command.ZCOUNT).arg(keys.concurrency(keyHash))
                .arg("(" + System.currentTimeMillis()).arg("+inf"), Response::toLong);
    }

    /** Gives the request's lease back, as one command of a batch; its later {@link #release} then does nothing. */
    public RedisOp<Void> releaseWith(String keyHash, String requestId) {
        return RedisOp.write(Request.cmd(Command.ZREM).arg(keys.concurrency(keyHash)).arg(requestId));
    }

    private List<String> acquireArgs(String requestId) {
        return List.of(Integer.toString(limit()), leaseTtlMillis(), requestId);
    }

    public Uni<Void> release(String keyHash, String requestId) {
        if (releasedAlready.remove(requestId)) {
            return Uni.createFrom().voidItem();
        }
        return redis.send(releaseWith(keyHash, requestId))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not release a concurrency slot (its lease expires by itself): %s",
                            String.valueOf(e));
                    return null;
                });
    }

    /** The request's lease went with a batch ({@link #releaseWith}): its coming {@link #release} has nothing to do. */
    public void releasedAlready(String requestId) {
        releasedAlready.add(requestId);
    }

    public int limit() {
        return config.concurrency().limit();
    }

    public String leaseTtlMillis() {
        return Long.toString(config.concurrency().leaseTtl().toMillis());
    }

    /** The 429 for a key whose slots are all taken; counted in {@code gateway_concurrency_rejections_total}. */
    public ApiException rejected() {
        rejections.increment();
        return new ApiException(ErrorCode.CONCURRENCY_LIMIT, String.format(MESSAGE, limit()), null,
                Map.of("Retry-After", "1"));
    }
}

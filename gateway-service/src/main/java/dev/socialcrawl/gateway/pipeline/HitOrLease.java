package dev.socialcrawl.gateway.pipeline;

import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.redis.client.Response;

import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.cache.ResponseCache;
import dev.socialcrawl.gateway.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.concurrency.ConcurrencyLimiter;
import dev.socialcrawl.gateway.redis.LuaScript;
import dev.socialcrawl.gateway.redis.RedisCommands;
import dev.socialcrawl.gateway.redis.RedisKeys;

/**
 * Steps 3 (revocation marker), 6 (concurrency slot) and 8 (cache) of api-contract §3 in one Redis round trip, for
 * a valid request that may be answered from the cache (no Idempotency-Key, no {@code Cache-Control: no-cache}).
 * The checks run in the order of §3 inside one script. A hit takes no lease: a slot taken and given back in the
 * same atomic step is a slot held for no time, so the hit only needs a free slot to exist. A miss leaves with its
 * lease taken, exactly as {@link ConcurrencyLimiter#acquire} would have left it.
 */
@Singleton
public class HitOrLease {

    /** What the round trip found. */
    sealed interface Outcome permits Revoked, Full, Hit, Leased {
    }

    /** The key's revocation marker is set. */
    record Revoked() implements Outcome {
    }

    /** Every slot of the key is taken (429). */
    record Full() implements Outcome {
    }

    /** The cached data JSON as stored, and the account's last known balance ({@code null} when none is fresh). */
    record Hit(byte[] data, Long balance) implements Outcome {
    }

    /** Not cached: the request now holds a slot and must release it on every exit. */
    record Leased() implements Outcome {
    }

    private static final Outcome REVOKED = new Revoked();
    private static final Outcome FULL = new Full();
    private static final Outcome LEASED = new Leased();

    // KEYS: revocation marker, the key's leases, the cache entry, the account's balance.
    // ARGV: slot limit, lease TTL in ms, request id. A missing balance comes back as '' (RESP2 and RESP3 alike).
    // A lease's score is its expiry, so the live ones are those scored after now. A hit costs three calls and writes
    // nothing; only a miss clears the expired leases before it adds its own.
    private static final LuaScript SCRIPT = LuaScript.of("""
            local found = redis.call('MGET', KEYS[1], KEYS[3], KEYS[4])
            if found[1] then
              return {'revoked'}
            end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            if redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf') >= tonumber(ARGV[1]) then
              return {'full'}
            end
            if found[2] then
              return {'hit', found[2], found[3] or ''}
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
            redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]))
            return {'leased'}
            """);

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final ResponseCache cache;
    private final ConcurrencyLimiter limiter;

    public HitOrLease(RedisCommands redis, RedisKeys keys, ResponseCache cache, ConcurrencyLimiter limiter) {
        this.redis = redis;
        this.keys = keys;
        this.cache = cache;
        this.limiter = limiter;
    }

    Uni<Outcome> lookup(AuthenticatedKey key, ValidatedRequest request, String requestId) {
        return redis.run(SCRIPT, names(key, request), args(requestId)).map(HitOrLease::outcome);
    }

    /** {@link #lookup} for the route that answers hits on the event loop without Mutiny. */
    Future<Outcome> lookupNow(AuthenticatedKey key, ValidatedRequest request, String requestId) {
        return redis.runNow(SCRIPT, names(key, request), args(requestId)).map(HitOrLease::outcome);
    }

    private List<String> names(AuthenticatedKey key, ValidatedRequest request) {
        return List.of(keys.revokedKey(key.keyHash()), keys.concurrency(key.keyHash()), cache.redisKey(request),
                keys.balance(key.accountId()));
    }

    private List<String> args(String requestId) {
        return List.of(Integer.toString(limiter.limit()), limiter.leaseTtlMillis(), requestId);
    }

    private static Outcome outcome(Response reply) {
        return outcome(reply.getDelegate());
    }

    private static Outcome outcome(io.vertx.redis.client.Response reply) {
        return switch (reply.get(0).toString()) {
            case "hit" -> {
                String balance = reply.get(2).toString();
                yield new Hit(reply.get(1).toBytes(), balance.isEmpty() ? null : Long.parseLong(balance));
            }
            case "leased" -> LEASED;
            case "full" -> FULL;
            case "revoked" -> REVOKED;
            default -> throw new IllegalStateException("unexpected reply from the cache-hit script: " + reply);
        };
    }
}

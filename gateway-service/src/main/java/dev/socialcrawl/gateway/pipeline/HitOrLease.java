package dev.socialcrawl.gateway.pipeline;

import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.auth.RevocationMarkers;
import dev.socialcrawl.gateway.billing.BalanceCache;
import dev.socialcrawl.gateway.cache.CachedEntry;
import dev.socialcrawl.gateway.cache.ResponseCache;
import dev.socialcrawl.gateway.concurrency.ConcurrencyLimiter;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisClient.Replies;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * Steps 3 (revocation marker), 6 (concurrency slot) and 8 (cache) of docs/api.md#order-of-checks for a valid request
 * that may be answered from the cache (no Idempotency-Key, no {@code Cache-Control: no-cache}), in that order, in one
 * round trip: the marker, the cache entry, the remembered balance and the key's live leases, each read by its owner's
 * command, sent together (plain reads, no script: docs/decisions/003-hit-path-reads-without-a-script.md). A hit, the
 * common case, needs nothing more and takes no lease: a slot taken and given back at once is a slot held for no time,
 * so the hit only needs a free slot to exist. Only a miss takes its lease, in a second round trip through
 * {@link ConcurrencyLimiter}'s script, which checks the limit again atomically.
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

    /** A fresh cache entry, and the account's last known balance ({@code null} when none is fresh). */
    record Hit(CachedEntry entry, Long balance) implements Outcome {
    }

    /**
     * Not fresh in the cache: the request now holds a slot and must release it on every exit; {@code stale} is the
     * expired entry when there is one (for a request that accepts stale data if the live fetch fails).
     */
    record Leased(CachedEntry stale) implements Outcome {
    }

    private static final Outcome REVOKED = new Revoked();
    private static final Outcome FULL = new Full();

    private final RedisClient redis;
    private final RevocationMarkers markers;
    private final ResponseCache cache;
    private final BalanceCache balances;
    private final ConcurrencyLimiter limiter;

    public HitOrLease(RedisClient redis, RevocationMarkers markers, ResponseCache cache, BalanceCache balances,
            ConcurrencyLimiter limiter) {
        this.redis = redis;
        this.markers = markers;
        this.cache = cache;
        this.balances = balances;
        this.limiter = limiter;
    }

    Uni<Outcome> lookup(AuthenticatedKey key, ValidatedRequest request, String requestId) {
        RedisOp<Boolean> revoked = markers.isRevoked(key.keyHash());
        RedisOp<CachedEntry> cached = cache.read(request);
        RedisOp<Long> balance = balances.read(key.accountId());
        RedisOp<Long> liveLeases = limiter.liveLeases(key.keyHash());
        return redis.sendAll(List.of(revoked, cached, balance, liveLeases))
                .chain(replies -> decide(replies, revoked, cached, balance, liveLeases, key, requestId));
    }

    private Uni<Outcome> decide(Replies replies, RedisOp<Boolean> revoked, RedisOp<CachedEntry> cached,
            RedisOp<Long> balance, RedisOp<Long> liveLeases, AuthenticatedKey key, String requestId) {
        if (replies.of(revoked)) {
            return Uni.createFrom().item(REVOKED);
        }
        if (replies.of(liveLeases) >= limiter.limit()) {
            return Uni.createFrom().item(FULL);
        }
        CachedEntry entry = replies.of(cached);
        if (entry != null && entry.freshAt(System.currentTimeMillis())) {
            return Uni.createFrom().item(new Hit(entry, replies.of(balance)));
        }
        return limiter.tryAcquire(key.keyHash(), requestId).map(taken -> taken ? new Leased(entry) : FULL);
    }
}

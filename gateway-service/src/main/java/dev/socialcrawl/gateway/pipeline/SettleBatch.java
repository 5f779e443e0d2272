package dev.socialcrawl.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.billing.BalanceCache;
import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.billing.BillingOutbox;
import dev.socialcrawl.gateway.cache.ResponseCache;
import dev.socialcrawl.gateway.concurrency.ConcurrencyLimiter;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * The Redis writes of a charged request that keeps its debit, in one round trip before the answer goes out, each
 * built by its owner: the settlement into the billing outbox (first, so it is durable even if a later write failed),
 * the balance after the debit, the lease given back and, for usable data, the cache entry. Plain commands, not a
 * script: none of them reads what another wrote (docs/decisions/003-hit-path-reads-without-a-script.md).
 * When Redis cannot take them, billing is told of the settlement directly (settling twice is harmless) and the lease
 * is released the usual way.
 */
@Singleton
public class SettleBatch {
    private static final Logger LOG = Logger.getLogger(SettleBatch.class);

    private final RedisClient redis;
    private final BillingOutbox outbox;
    private final BillingClient billing;
    private final BalanceCache balances;
    private final ResponseCache cache;
    private final ConcurrencyLimiter limiter;
    private final GatewayMetrics metrics;

    public SettleBatch(RedisClient redis, BillingOutbox outbox, BillingClient billing, BalanceCache balances,
            ResponseCache cache, ConcurrencyLimiter limiter, GatewayMetrics metrics) {
        this.redis = redis;
        this.outbox = outbox;
        this.billing = billing;
        this.balances = balances;
        this.cache = cache;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    /** Settles the debit of {@code state}'s request; {@code data} (usable data to cache) may be {@code null}. */
    Uni<Void> settle(RequestState state, ValidatedRequest request, long balanceAfterDebit, String data) {
        String requestId = state.requestId;
        RedisOp<Long> settlement = outbox.settlementWith(requestId);
        List<RedisOp<?>> writes = new ArrayList<>(4);
        writes.add(settlement);
        writes.add(balances.rememberWith(state.key.accountId(), balanceAfterDebit));
        writes.add(limiter.releaseWith(state.key.keyHash(), requestId));
        if (data != null) {
            writes.add(cache.store(request, data));
        }
        return redis.sendAll(writes)
                .invoke(replies -> {
                    metrics.outboxPending(replies.of(settlement));
                    limiter.releasedAlready(requestId);
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf("Could not keep a settle for %s in the outbox: %s", requestId, String.valueOf(e));
                    return billing.settle(List.of(requestId), requestId).onFailure().recoverWithNull();
                });
    }
}

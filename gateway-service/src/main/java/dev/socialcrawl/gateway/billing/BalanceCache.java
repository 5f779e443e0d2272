package dev.socialcrawl.gateway.billing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.redis.RedisCommands;
import dev.socialcrawl.gateway.redis.RedisKeys;

/**
 * The balance each account had at its last debit or refund, shared by the replicas for a few seconds, so
 * cache hits, replays and rejections can show {@code credits_remaining} without a call to billing each time.
 */
@Singleton
public class BalanceCache {
    private static final Logger LOG = Logger.getLogger(BalanceCache.class);

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final GatewayConfig config;
    private final BillingClient billing;
    private final Map<Long, Uni<Long>> inFlight = new ConcurrentHashMap<>();

    public BalanceCache(RedisCommands redis, RedisKeys keys, GatewayConfig config, BillingClient billing) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.billing = billing;
    }

    /** The known balance, asking billing when none is fresh; {@code null} when neither can tell. */
    public Uni<Long> current(long accountId, String requestId) {
        return redis.execute("GET", keys.balance(accountId))
                .map(r -> r == null ? null : Long.parseLong(r.toString()))
                .onFailure().recoverWithNull()
                .chain(known -> known != null ? Uni.createFrom().item(known) : fromBilling(accountId, requestId));
    }

    /**
     * Asks billing, once per account at a time: when an account's remembered balance expires under a stream of
     * cache hits, the hits that arrive while billing answers wait for that one answer instead of each asking again.
     */
    public Uni<Long> fromBilling(long accountId, String requestId) {
        return inFlight.computeIfAbsent(accountId, id -> billing.currentBalance(id, requestId)
                .call(balance -> remember(id, balance))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Billing did not tell the balance: %s", String.valueOf(e));
                    return null;
                })
                .onTermination().invoke(() -> inFlight.remove(id))
                .memoize().indefinitely());
    }

    public Uni<Void> remember(long accountId, long balance) {
        return redis.execute("SET", keys.balance(accountId), Long.toString(balance), "PX",
                Long.toString(config.cache().balanceTtl().toMillis()))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}

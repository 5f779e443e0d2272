package dev.socialcrawl.gateway.pipeline;

import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.billing.BillingOutbox;
import dev.socialcrawl.gateway.cache.ResponseCache;
import dev.socialcrawl.gateway.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.concurrency.ConcurrencyLimiter;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;
import dev.socialcrawl.gateway.redis.LuaScript;
import dev.socialcrawl.gateway.redis.RedisCommands;
import dev.socialcrawl.gateway.redis.RedisKeys;

/**
 * The Redis writes of a charged request that keeps its debit, in one round trip before the answer goes out: the
 * settlement into the billing outbox (first, so it is durable even if a later write failed), the balance after the
 * debit, the lease given back and, for usable data, the cache entry. When Redis cannot take them, billing is told
 * of the settlement directly and the lease is released the usual way.
 */
@Singleton
public class SettleBatch {
    private static final Logger LOG = Logger.getLogger(SettleBatch.class);

    // KEYS: billing outbox, the account's balance, the key's leases[, the cache entry].
    // ARGV: outbox entry, balance, balance TTL in ms, request id[, data, cache TTL in ms].
    private static final LuaScript SCRIPT = LuaScript.of("""
            local pending = redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            redis.call('ZREM', KEYS[3], ARGV[4])
            if #KEYS > 3 then
              redis.call('SET', KEYS[4], ARGV[5], 'PX', ARGV[6])
            end
            return pending
            """);

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final GatewayConfig config;
    private final BillingOutbox outbox;
    private final BillingClient billing;
    private final ResponseCache cache;
    private final ConcurrencyLimiter limiter;
    private final GatewayMetrics metrics;

    public SettleBatch(RedisCommands redis, RedisKeys keys, GatewayConfig config, BillingOutbox outbox,
            BillingClient billing, ResponseCache cache, ConcurrencyLimiter limiter, GatewayMetrics metrics) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.outbox = outbox;
        this.billing = billing;
        this.cache = cache;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    /** Settles the debit of {@code state}'s request; {@code data} (usable data to cache) may be {@code null}. */
    Uni<Void> settle(RequestState state, ValidatedRequest request, long balanceAfterDebit, String data) {
        String requestId = state.requestId;
        String balanceTtl = Long.toString(config.cache().balanceTtl().toMillis());
        List<String> names;
        List<String> args;
        if (data == null) {
            names = List.of(keys.billingOutbox(), keys.balance(state.key.accountId()),
                    keys.concurrency(state.key.keyHash()));
            args = List.of(outbox.settlementEntry(requestId), Long.toString(balanceAfterDebit), balanceTtl, requestId);
        } else {
            names = List.of(keys.billingOutbox(), keys.balance(state.key.accountId()),
                    keys.concurrency(state.key.keyHash()), cache.redisKey(request));
            args = List.of(outbox.settlementEntry(requestId), Long.toString(balanceAfterDebit), balanceTtl, requestId,
                    data, Long.toString(cache.ttl(request.endpoint()).toMillis()));
        }
        return redis.run(SCRIPT, names, args)
                .invoke(pending -> {
                    metrics.outboxPending(pending.toLong());
                    limiter.releasedAlready(requestId);
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf("Could not keep a settle for %s in the outbox: %s", requestId, String.valueOf(e));
                    return billing.settle(List.of(requestId), requestId).onFailure().recoverWithNull();
                });
    }
}

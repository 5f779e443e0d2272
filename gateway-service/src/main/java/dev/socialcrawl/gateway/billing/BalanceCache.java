package dev.socialcrawl.gateway.billing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * The balance each account had at its last debit or refund, shared by the replicas for a few seconds, so cache hits,
 * replays and rejections can show {@code credits_remaining} without a call to billing each time. The owner of the
 * {@code {p}gw:balance:*} keys. The gateway never computes a balance: it only repeats what billing last said.
 */
@Singleton
public class BalanceCache {
    private static final Logger LOG = Logger.getLogger(BalanceCache.class);

    private final RedisClient redis;
    private final RedisKeys keys;
    private final GatewayConfig config;
    private final BillingClient billing;
    private final Map<Long, Uni<Long>> inFlight = new ConcurrentHashMap<>();

    public BalanceCache(RedisClient redis, RedisKeys keys, GatewayConfig config, BillingClient billing) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.billing = billing;
    }

    /** The remembered balance, {@code null} when none is fresh. */
    public RedisOp<Long> read(long accountId) {
        return RedisOp.read(Request.cmd(Command.GET).arg(keys.balance(accountId)), BalanceCache::balance);
    }

    /** Remembers what billing said the balance is, for {@code gateway.cache.balance-ttl}. */
    public RedisOp<Void> rememberWith(long accountId, long balance) {
        return RedisOp.write(Request.cmd(Command.SET).arg(keys.balance(accountId)).arg(balance)
                .arg("PX").arg(config.cache().balanceTtl().toMillis()));
    }

    /** The known balance, asking billing when none is fresh; {@code null} when neither can tell. */
    public Uni<Long> current(long accountId, String requestId) {
        return redis.send(read(accountId))
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
        return redis.send(rememberWith(accountId, balance)).onFailure().recoverWithNull();
    }

    private static Long balance(Response r) {
        return r == null ? null : r.toLong();
    }
}

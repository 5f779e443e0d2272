package dev.socialcrawl.gateway.billing;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.socialcrawl.gateway.metrics.GatewayMetrics;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.redis.LuaScript;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * Refunds and settlements billing has not confirmed yet, kept in a Redis list ({@code {p}gw:billing-outbox})
 * and re-sent until billing answers. Both calls are idempotent on the request id, so sending one twice is safe;
 * an entry leaves the list only after billing confirmed it.
 */
@Singleton
public class BillingOutbox {
    private static final Logger LOG = Logger.getLogger(BillingOutbox.class);
    static final String REFUND = "refund";
    static final String SETTLE = "settle";
    private static final long LOCK_MS = 30_000;
    /**
     * Bounds one round (25 batches of the default 200: 5,000 entries), well inside the lock's lifetime; at 200 per
     * round the outbox could not keep up with more than 200 settlements a second, and billing's sweeper refunds
     * debits left unsettled for minutes.
     */
    static final int MAX_BATCHES_PER_ROUND = 25;
    /** Deletes the drain lock only if this replica still holds it. */
    private static final LuaScript UNLOCK = LuaScript.of(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");

    record Entry(@JsonProperty("kind") String kind, @JsonProperty("request_id") String requestId) {
    }

    private final RedisClient redis;
    private final RedisKeys keys;
    private final BillingClient billing;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;

    public BillingOutbox(RedisClient redis, RedisKeys keys, BillingClient billing, GatewayConfig config,
            GatewayMetrics metrics, ObjectMapper mapper) {
        this.redis = redis;
        this.keys = keys;
        this.billing = billing;
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    public Uni<Void> enqueueRefund(String requestId) {
        return enqueue(new Entry(REFUND, requestId));
    }

    public Uni<Void> enqueueSettlement(String requestId) {
        return enqueue(new Entry(SETTLE, requestId));
    }

    /** {@link #enqueueSettlement} as one command of a batch; its reply is the number of entries waiting. */
    public RedisOp<Long> settlementWith(String requestId) {
        return push(new Entry(SETTLE, requestId));
    }

    private RedisOp<Long> push(Entry entry) {
        return new RedisOp<>(Request.cmd(Command.RPUSH).arg(keys.billingOutbox()).arg(write(entry)), Response::toLong);
    }

    private Uni<Void> enqueue(Entry entry) {
        return redis.send(push(entry))
                .invoke(metrics::outboxPending)
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf("Could not keep a %s for %s in the outbox: %s", entry.kind(),
                        entry.requestId(), String.valueOf(e)));
    }

    @Scheduled(every = "${gateway.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> drainOnSchedule() {
        return drain().onFailure().recoverWithItem(e -> {
            LOG.warnf("Billing outbox round failed, retrying next round: %s", String.valueOf(e));
            return null;
        });
    }

    /**
     * One round: under a lock shared by the replicas, sends a batch and keeps whatever billing did not confirm. The
     * lock is released (if this round holds it) whatever happened, also when taking it failed: a SET whose answer
     * timed out may still have been carried out, and would stop every replica's rounds for the lock's lifetime.
     */
    public Uni<Void> drain() {
        String lockValue = java.util.UUID.randomUUID().toString();
        RedisOp<Boolean> lock = new RedisOp<>(Request.cmd(Command.SET).arg(keys.billingOutboxLock()).arg(lockValue)
                .arg("NX").arg("PX").arg(LOCK_MS), r -> r != null);
        return redis.send(lock)
                .chain(locked -> locked ? drainLocked(MAX_BATCHES_PER_ROUND) : Uni.createFrom().voidItem())
                .eventually(() -> unlock(lockValue))
                .chain(() -> redis.send(new RedisOp<>(Request.cmd(Command.LLEN).arg(keys.billingOutbox()),
                        Response::toLong)))
                .invoke(metrics::outboxPending)
                .replaceWithVoid();
    }

    /** Batch after batch while they come full and billing confirms them all, so a backlog drains in one round. */
    private Uni<Void> drainLocked(int batchesLeft) {
        return drainBatch().chain(more -> more && batchesLeft > 1 ? drainLocked(batchesLeft - 1)
                : Uni.createFrom().voidItem());
    }

    /** One batch; whether another may follow at once (this one was full and nothing had to be kept). */
    private Uni<Boolean> drainBatch() {
        int batch = config.outbox().batchSize();
        RedisOp<List<String>> head = new RedisOp<>(Request.cmd(Command.LRANGE).arg(keys.billingOutbox()).arg(0)
                .arg(batch - 1), BillingOutbox::strings);
        return redis.send(head).chain(raw -> {
            if (raw.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            List<String> settles = new ArrayList<>();
            List<String> refunds = new ArrayList<>();
            for (String json : raw) {
                Entry e = read(json);
                if (e != null) {
                    (REFUND.equals(e.kind()) ? refunds : settles).add(e.requestId());
                }
            }
            Uni<List<String>> failedRefunds = Multi.createFrom().iterable(refunds)
                    .onItem().transformToUniAndConcatenate(id -> sendRefund(id).map(ok -> ok ? null : id))
                    .filter(java.util.Objects::nonNull)
                    .collect().asList();
            Uni<Boolean> settled = settles.isEmpty() ? Uni.createFrom().item(true)
                    : billing.settle(settles, settles.get(0)).map(v -> true)
                            .onFailure().recoverWithItem(e -> {
                                LOG.warnf("Billing did not confirm %d settlements yet: %s", settles.size(),
                                        String.valueOf(e));
                                return false;
                            });
            return Uni.combine().all().unis(failedRefunds, settled).asTuple().chain(t -> {
                List<String> keep = new ArrayList<>();
                t.getItem1().forEach(id -> keep.add(write(new Entry(REFUND, id))));
                if (!t.getItem2()) {
                    settles.forEach(id -> keep.add(write(new Entry(SETTLE, id))));
                }
                Uni<Void> requeue = keep.isEmpty() ? Uni.createFrom().voidItem() : redis.send(pushAll(keep));
                RedisOp<Void> trim = RedisOp.write(Request.cmd(Command.LTRIM).arg(keys.billingOutbox())
                        .arg(raw.size()).arg(-1));
                return requeue.chain(() -> redis.send(trim)).map(trimmed -> keep.isEmpty() && raw.size() == batch);
            });
        });
    }

    private Uni<Boolean> sendRefund(String requestId) {
        return billing.refund(requestId)
                .map(result -> {
                    result.ifPresent(r -> {
                        if (!r.replayed()) {
                            metrics.refunded(r.amount());
                        }
                        LOG.infof("Outbox refund of %s confirmed by billing", requestId);
                    });
                    return true;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Billing did not confirm the refund of %s yet: %s", requestId, String.valueOf(e));
                    return false;
                });
    }

    private Uni<Void> unlock(String lockValue) {
        return redis.run(UNLOCK, List.of(keys.billingOutboxLock()), List.of(lockValue)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private RedisOp<Void> pushAll(List<String> entries) {
        Request push = Request.cmd(Command.RPUSH).arg(keys.billingOutbox());
        entries.forEach(push::arg);
        return RedisOp.write(push);
    }

    private static List<String> strings(Response list) {
        List<String> values = new ArrayList<>(list.size());
        list.forEach(item -> values.add(item.toString()));
        return values;
    }

    private String write(Entry entry) {
        try {
            return mapper.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox entry is always serialisable", e);
        }
    }

    private Entry read(String json) {
        try {
            return mapper.readValue(json, Entry.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("Dropping an unreadable billing outbox entry");
            return null;
        }
    }
}

package dev.socialcrawl.gateway.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.socialcrawl.gateway.billing.OutboxStream.Item;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.config.ReplicaName;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * Refunds and settlements billing has not confirmed yet, kept durably in a Redis stream and re-sent until billing
 * answers (docs/api.md#credits-and-refunds). Every replica drains as a consumer of one group ({@link OutboxStream}): an
 * entry goes to one replica at a time and is deleted only once billing confirmed it, so two replicas draining at once
 * neither drop nor lose an entry; a replica's unconfirmed entries are taken over by another once they sat idle past
 * {@code gateway.outbox.claim-after}. Both billing calls are idempotent on the request id, so a re-send is harmless.
 * When Redis itself cannot take an entry, it waits in this process ({@link #keep}) and goes to Redis or billing on
 * the next round: a served request's settlement is never silently dropped while the replica lives.
 */
@Singleton
public class BillingOutbox {
    private static final Logger LOG = Logger.getLogger(BillingOutbox.class);
    static final String REFUND = "refund";
    static final String SETTLE = "settle";
    /** Bounds one round (25 batches of the default 200: 5,000 entries) so a backlog cannot starve the event loop. */
    static final int MAX_BATCHES_PER_ROUND = 25;
    /** Entries kept in this process while Redis is unreachable; past it the oldest go first (billing's sweeper). */
    static final int MAX_IN_PROCESS = 100_000;

    record Entry(@JsonProperty("kind") String kind, @JsonProperty("request_id") String requestId) {
    }

    private final RedisClient redis;
    private final OutboxStream stream;
    private final BillingClient billing;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;
    private final String consumer;
    private final Queue<Entry> inProcess = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inProcessSize = new AtomicInteger();
    /** Whether the group exists and no older list waits; false again after any failed round (Redis may be new). */
    private volatile boolean setUp;

    public BillingOutbox(RedisClient redis, RedisKeys keys, BillingClient billing, GatewayConfig config,
            GatewayMetrics metrics, ObjectMapper mapper, ReplicaName replica) {
        this.redis = redis;
        this.stream = new OutboxStream(keys);
        this.billing = billing;
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
        this.consumer = replica.name();
    }

    @PostConstruct
    void register() {
        metrics.outboxInProcess(inProcessSize::get);
    }

    public Uni<Void> enqueueRefund(String requestId) {
        return enqueue(new Entry(REFUND, requestId));
    }

    public Uni<Void> enqueueSettlement(String requestId) {
        return enqueue(new Entry(SETTLE, requestId));
    }

    /** {@link #enqueueSettlement} as one command of a batch; if the batch fails, {@link #keepSettlement} it. */
    public RedisOp<Void> settlementWith(String requestId) {
        return stream.add(write(new Entry(SETTLE, requestId)));
    }

    /** A settlement that neither Redis nor billing took: kept here and sent on the next round. */
    public void keepSettlement(String requestId) {
        keep(new Entry(SETTLE, requestId));
    }

    /** Never fails: an entry Redis cannot take waits in this process for the next round. */
    private Uni<Void> enqueue(Entry entry) {
        return redis.send(stream.add(write(entry)))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("Redis did not take the %s of %s; keeping it in this replica until it does: %s",
                            entry.kind(), entry.requestId(), String.valueOf(e));
                    keep(entry);
                    return null;
                });
    }

    private void keep(Entry entry) {
        inProcess.add(entry);
        if (inProcessSize.incrementAndGet() > MAX_IN_PROCESS && inProcess.poll() != null) {
            inProcessSize.decrementAndGet();
            LOG.errorf("More than %d billing entries wait in this replica; the oldest is dropped (billing's sweeper "
                    + "refunds an unsettled debit, which favours the customer)", MAX_IN_PROCESS);
        }
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
     * One round of this replica: what waits in this process goes to Redis, then its own unconfirmed entries, new
     * entries batch by batch, and entries other replicas left idle too long are sent to billing.
     */
    public Uni<Void> drain() {
        int batch = config.outbox().batchSize();
        Uni<Void> ready = setUp ? Uni.createFrom().voidItem()
                : stream.createGroup(redis).chain(this::migrateLegacyList).invoke(() -> setUp = true);
        return ready
                .chain(this::flushInProcess)
                .chain(() -> redis.send(stream.ownPending(consumer, batch)).chain(this::send))
                .chain(() -> drainFresh(batch, MAX_BATCHES_PER_ROUND))
                .chain(() -> redis.send(stream.claimStale(consumer, config.outbox().claimAfter().toMillis(), batch))
                        .chain(this::send))
                .chain(() -> redis.send(stream.length()))
                .invoke(metrics::outboxPending)
                .replaceWithVoid()
                .onFailure().invoke(() -> setUp = false);
    }

    /** Batch after batch of new entries while they come full and billing confirms them all. */
    private Uni<Void> drainFresh(int batch, int batchesLeft) {
        return redis.send(stream.fresh(consumer, batch)).chain(items -> send(items).map(allConfirmed ->
                allConfirmed && items.size() == batch && batchesLeft > 1)).chain(more -> more
                        ? drainFresh(batch, batchesLeft - 1) : Uni.createFrom().voidItem());
    }

    /** Sends the items to billing and deletes what it confirmed; whether it confirmed them all. */
    private Uni<Boolean> send(List<Item> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        List<Item> settles = new ArrayList<>();
        List<Item> refunds = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Item item : items) {
            Entry e = read(item.json());
            if (e == null) {
                unreadable.add(item.id());
            } else {
                (REFUND.equals(e.kind()) ? refunds : settles).add(item);
            }
        }
        Uni<List<String>> refunded = Multi.createFrom().iterable(refunds)
                .onItem().transformToUniAndConcatenate(item -> sendRefund(read(item.json()).requestId())
                        .map(ok -> ok ? item.id() : null))
                .filter(java.util.Objects::nonNull)
                .collect().asList();
        List<String> settleIds = settles.stream().map(i -> read(i.json()).requestId()).toList();
        Uni<Boolean> settled = settleIds.isEmpty() ? Uni.createFrom().item(true)
                : billing.settle(settleIds, settleIds.get(0)).map(v -> true)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("Billing did not confirm %d settlements yet: %s", settleIds.size(),
                                    String.valueOf(e));
                            return false;
                        });
        return Uni.combine().all().unis(refunded, settled).asTuple().chain(t -> {
            List<String> confirmed = new ArrayList<>(unreadable);
            confirmed.addAll(t.getItem1());
            if (t.getItem2()) {
                settles.forEach(i -> confirmed.add(i.id()));
            }
            Uni<Void> deleted = confirmed.isEmpty() ? Uni.createFrom().voidItem()
                    : redis.sendAll(stream.done(confirmed)).replaceWithVoid();
            return deleted.map(v -> confirmed.size() == items.size());
        });
    }

    /** Whether billing has the refund, or never can: a debit it does not know can never be written any more. */
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

    /** What waits in this process goes to Redis now that it answers (the rest on a later round). */
    private Uni<Void> flushInProcess() {
        List<RedisOp<?>> adds = new ArrayList<>();
        List<Entry> taken = new ArrayList<>();
        for (Entry e; taken.size() < config.outbox().batchSize() && (e = inProcess.poll()) != null;) {
            inProcessSize.decrementAndGet();
            taken.add(e);
            adds.add(stream.add(write(e)));
        }
        if (adds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.sendAll(adds).replaceWithVoid().onFailure().invoke(() -> taken.forEach(this::keep));
    }

    /** Entries an older gateway left in its list ({@code {p}gw:billing-outbox}) move into the stream. */
    private Uni<Void> migrateLegacyList() {
        return stream.moveLegacy(redis, config.outbox().batchSize()).invoke(moved -> {
            if (moved > 0) {
                LOG.infof("Moved %d entries of the old outbox list into the stream", moved);
            }
        }).replaceWithVoid();
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

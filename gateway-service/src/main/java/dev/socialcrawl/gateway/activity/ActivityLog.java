package dev.socialcrawl.gateway.activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;


import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.socialcrawl.activity.ActivityRows;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * The activity log's gateway side (docs/api.md#activity-log, docs/internal-api.md): every request that carried a
 * valid key leaves a record here, off the request path — {@link #record} only queues it in this process — and a
 * scheduled flush hands the records to billing in batches, one stream entry per batch in {@code {p}activity}, which
 * billing drains into PostgreSQL. Both queues are bounded: past {@code gateway.activity.max-in-process} records here,
 * or {@code gateway.activity.max-queued-batches} entries in Redis, records are dropped and counted in
 * {@code gateway_activity_dropped_total} (alerted), never allowed to grow Redis or this heap without bound.
 */
@Singleton
public class ActivityLog {
    private static final Logger LOG = Logger.getLogger(ActivityLog.class);
    private static final String FIELD = "rows";
    private static final Duration REDIS_WAIT = Duration.ofSeconds(10);

    private final RedisClient redis;
    private final RedisKeys keys;
    private final GatewayConfig.Activity config;
    private final Queue<ActivityRecord> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicLong queuedInRedis = new AtomicLong();
    private final Counter droppedHere;
    private final Counter droppedRedisFull;
    private final Counter droppedRedisDown;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gateway-activity-flush");
        thread.setDaemon(true);
        return thread;
    });

    public ActivityLog(RedisClient redis, RedisKeys keys, GatewayConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.keys = keys;
        this.config = config.activity();
        Gauge.builder("gateway.activity.backlog", this, ActivityLog::backlog)
                .description("Activity records not yet stored by billing: waiting in this replica, plus the records "
                        + "in Redis counted at the batch size")
                .register(registry);
        this.droppedHere = dropped(registry, "queue_full");
        this.droppedRedisFull = dropped(registry, "stream_full");
        this.droppedRedisDown = dropped(registry, "redis_error");
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("gateway.activity.dropped").tag("reason", reason)
                .description("Activity records dropped because a queue was full or Redis failed").register(registry);
    }

    /** Queues one record; never blocks, never fails the request. */
    public void record(ActivityRecord record) {
        if (!config.enabled()) {
            return;
        }
        if (waitingCount.incrementAndGet() > config.maxInProcess()) {
            waitingCount.decrementAndGet();
            droppedHere.increment();
            return;
        }
        waiting.add(record);
    }

    /**
     * Flushes every {@code gateway.activity.flush-interval} on a thread of its own, never the event loop: turning the
     * records into text takes milliseconds at thousands of requests a second. Quarkus' scheduler runs nothing more
     * often than once a second, and a second's records handed over at once make billing store them in one burst that
     * the requests of that moment wait behind; a fifth of a second keeps both the flushes and billing's rounds small.
     */
    void startFlushing(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        long every = config.flushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flushOnSchedule, every, every, TimeUnit.MILLISECONDS);
    }

    private void flushOnSchedule() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.debugf("Activity flush failed: %s", String.valueOf(e));
        }
    }

    /** What is queued here when the replica stops is handed over too, not lost with the process. */
    void flushOnShutdown(@Observes ShutdownEvent event) {
        flusher.shutdown();
        try {
            flusher.awaitTermination(REDIS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Activity records queued at shutdown were not handed over: %s", String.valueOf(e));
        }
    }

    /**
     * Hands what waits here to Redis, batch by batch, as long as the stream has room. Blocks until Redis answered:
     * call it from a worker thread only. One XADD per round trip: a flush at thousands of requests a second holds
     * megabytes of text, which written in one buffer would be a humongous allocation for the collector. When Redis
     * fails, the batch it was given is counted as lost and the rest stays queued for the next flush.
     */
    public void flush() {
        if (waitingCount.get() == 0 && queuedInRedis.get() == 0) {
            return;
        }
        // Read even with nothing to add while billing still had entries to store, so the backlog gauge falls to 0.
        long length = redis.send(new RedisOp<>(Request.cmd(Command.XLEN).arg(keys.activity()), Response::toLong))
                .await().atMost(REDIS_WAIT);
        queuedInRedis.set(length);
        if (waitingCount.get() == 0) {
            return;
        }
        long room = config.maxQueuedBatches() - length;
        int dropped = 0;
        try {
            List<ActivityRecord> batch;
            while (!(batch = take(config.batchSize())).isEmpty()) {
                if (room <= 0) {
                    dropped += batch.size();
                    continue;
                }
                try {
                    redis.send(add(batch)).await().atMost(REDIS_WAIT);
                } catch (RuntimeException e) {
                    droppedRedisDown.increment(batch.size());
                    throw e;
                }
                room--;
                queuedInRedis.incrementAndGet();
            }
        } finally {
            if (dropped > 0) {
                droppedRedisFull.increment(dropped);
                LOG.warnf("Dropped %d activity records: %d batches already wait for billing in Redis", dropped, length);
            }
        }
    }

    private List<ActivityRecord> take(int count) {
        List<ActivityRecord> batch = new ArrayList<>(Math.min(count, Math.max(0, waitingCount.get())));
        for (ActivityRecord r; batch.size() < count && (r = waiting.poll()) != null;) {
            waitingCount.decrementAndGet();
            batch.add(r);
        }
        return batch;
    }

    private RedisOp<Void> add(List<ActivityRecord> batch) {
        ActivityRows.Writer rows = new ActivityRows.Writer(batch.size() * 160);
        for (ActivityRecord record : batch) {
            record.writeTo(rows);
        }
        return RedisOp.write(Request.cmd(Command.XADD).arg(keys.activity()).arg("*").arg(FIELD).arg(rows.toBytes()));
    }

    private double backlog() {
        return waitingCount.get() + queuedInRedis.get() * (double) config.batchSize();
    }
}

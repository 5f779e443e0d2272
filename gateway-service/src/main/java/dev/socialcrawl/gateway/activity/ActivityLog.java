package dev.socialcrawl.gateway.activity;

import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * valid key leaves a record here, off the request path — {@link #record} only appends its row to a buffer of the
 * calling thread — and a scheduled flush hands the rows to billing in batches, one stream entry per batch in
 * {@code {p}activity}, which billing drains into PostgreSQL. Both queues are bounded: past
 * {@code gateway.activity.max-in-process} records here, or {@code gateway.activity.max-queued-batches} entries in
 * Redis, records are dropped and counted in {@code gateway_activity_dropped_total} (alerted), never allowed to grow
 * Redis or this heap without bound.
 */
@Singleton
public class ActivityLog {
    private static final Logger LOG = Logger.getLogger(ActivityLog.class);
    private static final String FIELD = "rows";
    private static final Duration REDIS_WAIT = Duration.ofSeconds(10);

    private final RedisClient redis;
    private final RedisKeys keys;
    private final GatewayConfig.Activity config;
    private final List<Shard> shards = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Shard> shard = ThreadLocal.withInitial(this::newShard);
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

    /** Queues one record as its row of text; never blocks on I/O, never fails the request. */
    public void record(ActivityRecord record) {
        if (!config.enabled()) {
            return;
        }
        if (waitingCount.incrementAndGet() > config.maxInProcess()) {
            waitingCount.decrementAndGet();
            droppedHere.increment();
            return;
        }
        shard.get().add(record);
    }

    private Shard newShard() {
        Shard created = new Shard(Thread.currentThread());
        shards.add(created);
        return created;
    }

    /**
     * Flushes every {@code gateway.activity.flush-interval} on a thread of its own, never the event loop. Quarkus'
     * scheduler runs nothing more often than once a second, and a second's records handed over at once make billing
     * store them in one burst that the requests of that moment wait behind; a fifth of a second keeps both the
     * flushes and billing's rounds small.
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
     * fails, the records of this flush not yet added are counted as lost (they were taken from the threads' buffers);
     * what was queued after them waits for the next flush.
     */
    public synchronized void flush() {
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
        List<Shard.Taken> taken = new ArrayList<>();
        int rows = 0;
        for (Shard s : shards) {
            Shard.Taken t = s.take();
            if (t != null) {
                taken.add(t);
                rows += t.rows();
            } else if (!s.owner.isAlive()) {
                shards.remove(s);
            }
        }
        waitingCount.addAndGet(-rows);
        Batches batches = new Batches(config.batchSize(), config.maxQueuedBatches() - length);
        try {
            for (Shard.Taken t : taken) {
                t.chunks().forEach(batches::add);
            }
            batches.finish();
        } catch (RuntimeException e) {
            droppedRedisDown.increment(rows - batches.added - batches.dropped);
            throw e;
        } finally {
            if (batches.dropped > 0) {
                droppedRedisFull.increment(batches.dropped);
                LOG.warnf("Dropped %d activity records: %d batches already wait for billing in Redis", batches.dropped,
                        length);
            }
        }
    }

    private RedisOp<Void> xadd(byte[] rows) {
        return RedisOp.write(Request.cmd(Command.XADD).arg(keys.activity()).arg("*").arg(FIELD).arg(rows));
    }

    private double backlog() {
        return waitingCount.get() + queuedInRedis.get() * (double) config.batchSize();
    }

    /**
     * One thread's rows waiting for the next flush, kept as text in arrays of about 64 KiB: the records of a fifth of
     * a second at thousands of requests a second are then a few arrays for the garbage collector to move, not tens of
     * thousands of objects that made every young collection of a busy gateway several times longer, and no array is
     * large enough to be a humongous allocation, however long Redis keeps the flush waiting.
     */
    private static final class Shard {
        private static final int CHUNK = 64 * 1024;
        final Thread owner;
        private final List<byte[]> full = new ArrayList<>();
        private ActivityRows.Writer rows;
        private int count;

        Shard(Thread owner) {
            this.owner = owner;
        }

        synchronized void add(ActivityRecord record) {
            if (rows == null) {
                rows = new ActivityRows.Writer(CHUNK + 1024);
            }
            record.writeTo(rows);
            count++;
            if (rows.size() >= CHUNK) {
                full.add(rows.toBytes());
                rows = null;
            }
        }

        /** The rows so far, leaving the shard empty; {@code null} when it is. */
        synchronized Taken take() {
            if (count == 0) {
                return null;
            }
            List<byte[]> chunks = new ArrayList<>(full);
            if (rows != null) {
                chunks.add(rows.toBytes());
            }
            Taken taken = new Taken(chunks, count);
            full.clear();
            rows = null;
            count = 0;
            return taken;
        }

        record Taken(List<byte[]> chunks, int rows) {
        }
    }

    /** Cuts the flushed rows into stream entries of {@code batchSize} rows and adds them while the stream has room. */
    private final class Batches {
        private final int batchSize;
        private long room;
        private final ByteArrayOutputStream entry = new ByteArrayOutputStream(64 * 1024);
        private int entryRows;
        int added;
        int dropped;

        Batches(int batchSize, long room) {
            this.batchSize = batchSize;
            this.room = room;
        }

        /** Rows of text, each ending in a newline (an escaped one inside a field is two characters). */
        void add(byte[] rows) {
            int from = 0;
            while (from < rows.length) {
                int to = from;
                while (to < rows.length && entryRows < batchSize) {
                    while (rows[to] != '\n') {
                        to++;
                    }
                    to++;
                    entryRows++;
                }
                entry.write(rows, from, to - from);
                from = to;
                if (entryRows == batchSize) {
                    send();
                }
            }
        }

        void finish() {
            if (entryRows > 0) {
                send();
            }
        }

        private void send() {
            int rows = entryRows;
            byte[] bytes = entry.toByteArray();
            entry.reset();
            entryRows = 0;
            if (room <= 0) {
                dropped += rows;
                return;
            }
            redis.send(xadd(bytes)).await().atMost(REDIS_WAIT);
            added += rows;
            room--;
            queuedInRedis.incrementAndGet();
        }
    }
}

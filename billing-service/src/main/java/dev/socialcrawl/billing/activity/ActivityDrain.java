package dev.socialcrawl.billing.activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.metrics.BillingMetrics;

/**
 * Moves the gateway's activity records from Redis into PostgreSQL, at least once: entries are acknowledged and
 * deleted only after their records are stored (idempotently), so a replica that dies in between leaves them pending,
 * and another replica takes them over once they have been idle for {@code billing.activity.claim-idle}. Each round
 * ({@link #startRounds}) first claims such entries (every half claim-idle: an entry left sooner is not idle enough
 * yet), then re-reads its own unacknowledged ones if
 * the last store failed, then reads new entries until there are none or the round's read budget is spent.
 */
@ApplicationScoped
public class ActivityDrain {
    private static final Logger LOG = Logger.getLogger(ActivityDrain.class);

    private final ActivityStream stream;
    private final ActivityStore store;
    private final BillingMetrics metrics;
    private final JsonFactory json;
    private final int entriesPerRead;
    private final int readsPerRound;
    private final Duration claimIdle;
    private volatile boolean groupReady;
    private long lastClaimNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean ownPendingLeft;
    private volatile boolean paused;
    private final Duration drainInterval;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "billing-activity-drain");
        thread.setDaemon(true);
        return thread;
    });

    public ActivityDrain(ActivityStream stream, ActivityStore store, BillingMetrics metrics, ObjectMapper mapper,
            BillingConfig config) {
        this.stream = stream;
        this.store = store;
        this.metrics = metrics;
        this.json = mapper.getFactory();
        this.entriesPerRead = config.activity().entriesPerRead();
        this.readsPerRound = config.activity().readsPerRound();
        this.claimIdle = config.activity().claimIdle();
        this.drainInterval = config.activity().drainInterval();
    }

    /**
     * Rounds every {@code billing.activity.drain-interval} on a thread of its own (never the event loop). Quarkus'
     * scheduler runs nothing more often than once a second; a second's records stored at once are a burst of
     * PostgreSQL work that debits of that moment wait behind, so rounds come more often and each stores less.
     */
    void startRounds(@Observes StartupEvent event) {
        long every = drainInterval.toMillis();
        rounds.scheduleWithFixedDelay(this::scheduled, every, every, TimeUnit.MILLISECONDS);
    }

    void stopRounds(@Observes ShutdownEvent event) {
        rounds.shutdown();
        try {
            rounds.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** No scheduled round starts until {@link #resume()} (a round already running finishes). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    private void scheduled() {
        if (paused) {
            return;
        }
        try {
            drain();
        } catch (RuntimeException e) { // a bug or an outage must not end the rounds: the next one retries
            if (ActivityStream.isRedisError(e, "NOGROUP")) {
                groupReady = false;
            }
            LOG.error("Draining the activity stream failed; the next round retries", e);
        }
    }

    /** One round. @return records newly written */
    public synchronized int drain() {
        if (!groupReady) {
            stream.ensureGroup();
            groupReady = true;
        }
        int written = 0;
        long now = System.nanoTime();
        if (now - lastClaimNanos >= claimIdle.toNanos() / 2) {
            List<StreamMessage<String, String, String>> claimed = stream.claimIdle(claimIdle, entriesPerRead);
            written += store(claimed);
            if (claimed.size() < entriesPerRead) { // all taken over: the next look is due when more can be idle enough
                lastClaimNanos = now;
            }
        }
        if (ownPendingLeft) {
            List<StreamMessage<String, String, String>> own = stream.readOwnPending(entriesPerRead);
            written += store(own);
            ownPendingLeft = own.size() == entriesPerRead;
        }
        for (int i = 0; i < readsPerRound; i++) {
            List<StreamMessage<String, String, String>> fresh = stream.readNew(entriesPerRead);
            written += store(fresh);
            if (fresh.size() < entriesPerRead) {
                break;
            }
        }
        metrics.activityStreamLength(stream.length());
        return written;
    }

    private int store(List<StreamMessage<String, String, String>> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        List<ActivityStore.Entry> entries = new ArrayList<>(messages.size());
        List<String> ids = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            ids.add(m.id());
            entries.add(entry(m));
        }
        int written;
        try {
            written = store.store(entries);
        } catch (RuntimeException e) {
            ownPendingLeft = true;
            throw e;
        }
        stream.acknowledgeAndDelete(ids);
        return written;
    }

    /**
     * The entry as the store takes it: its rows as they are, or the records of an older gateway's JSON (the store
     * checks each and counts the invalid ones as discarded: they can never be stored).
     */
    private ActivityStore.Entry entry(StreamMessage<String, String, String> message) {
        Map<String, String> payload = message.payload() == null ? Map.of() : message.payload();
        String rows = payload.get(ActivityStream.ROWS_FIELD);
        if (rows != null) {
            return ActivityStore.Entry.ofRows(message.id(), rows);
        }
        String json = payload.get(ActivityStream.RECORDS_FIELD);
        if (json == null) {
            // deleted from the stream while pending (nothing to store), or not the gateway's shape
            return new ActivityStore.Entry(message.id(), List.of());
        }
        List<ActivityRecord> read = ActivityJson.read(this.json, json);
        if (read == null) {
            LOG.warnf("Activity entry %s is not a JSON array of records; dropped", message.id());
            metrics.activityDiscarded("malformed", 1);
            return new ActivityStore.Entry(message.id(), List.of());
        }
        return new ActivityStore.Entry(message.id(), read);
    }
}

package dev.socialcrawl.billing.activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.metrics.BillingMetrics;

/**
 * Moves the gateway's activity records from Redis into PostgreSQL, at least once: entries are acknowledged and
 * deleted only after their records are stored (idempotently), so a replica that dies in between leaves them pending,
 * and another replica takes them over once they have been idle for {@code billing.activity.claim-idle}. Each round
 * (a worker thread, never the event loop) first claims such entries, then re-reads its own unacknowledged ones if
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
    private volatile boolean ownPendingLeft;

    public ActivityDrain(ActivityStream stream, ActivityStore store, BillingMetrics metrics, ObjectMapper mapper,
            BillingConfig config) {
        this.stream = stream;
        this.store = store;
        this.metrics = metrics;
        this.json = mapper.getFactory();
        this.entriesPerRead = config.activity().entriesPerRead();
        this.readsPerRound = config.activity().readsPerRound();
        this.claimIdle = config.activity().claimIdle();
    }

    @Scheduled(identity = "billing-activity-drain", every = "${billing.activity.drain-interval:1s}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            drain();
        } catch (RuntimeException e) {
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
        int written = store(stream.claimIdle(claimIdle, entriesPerRead));
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
        List<ActivityRecord> records = new ArrayList<>();
        List<String> ids = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            ids.add(m.id());
            records.addAll(records(m));
        }
        int written;
        try {
            written = store.store(records);
        } catch (RuntimeException e) {
            ownPendingLeft = true;
            throw e;
        }
        stream.acknowledgeAndDelete(ids);
        return written;
    }

    /** The entry's storable records; the others are counted as discarded (they can never be stored). */
    private List<ActivityRecord> records(StreamMessage<String, String, String> message) {
        String json = message.payload() == null ? null : message.payload().get(ActivityStream.RECORDS_FIELD);
        if (json == null) {
            // deleted from the stream while pending (nothing to store), or not the gateway's shape
            return List.of();
        }
        List<ActivityRecord> read = ActivityJson.read(this.json, json);
        if (read == null) {
            LOG.warnf("Activity entry %s is not a JSON array of records; dropped", message.id());
            metrics.activityDiscarded("malformed", 1);
            return List.of();
        }
        List<ActivityRecord> records = new ArrayList<>(read.size());
        for (ActivityRecord record : read) {
            String problem = record == null ? "shape" : record.problem();
            if (problem == null) {
                records.add(record);
            } else {
                LOG.warnf("Activity record in entry %s has no valid %s; dropped", message.id(), problem);
                metrics.activityDiscarded("malformed", 1);
            }
        }
        return records;
    }
}

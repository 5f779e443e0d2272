package dev.socialcrawl.billing.activity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.metrics.BillingMetrics;

/**
 * Writes activity records in one statement per batch. Idempotent: a record delivered again (a replica died after
 * storing it but before acknowledging it) is the same {@code (request_id, occurred_at)}, which the unique key stores
 * once, so at-least-once delivery stores each record once.
 */
@ApplicationScoped
public class ActivityStore {
    private static final String COPY = "COPY activity_log (" + ActivityCopyText.COLUMNS + ") FROM STDIN";
    private static final String COPY_STAGED = "COPY activity_incoming (" + ActivityCopyText.COLUMNS + ") FROM STDIN";
    private static final String STAGE = "CREATE TEMP TABLE activity_incoming (LIKE activity_log) ON COMMIT DROP";
    private static final String INSERT_STAGED = "INSERT INTO activity_log SELECT * FROM activity_incoming"
            + " ON CONFLICT (request_id, occurred_at) DO NOTHING";
    private static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;
    private final ActivityPartitions partitions;
    private final BillingMetrics metrics;

    public ActivityStore(AgroalDataSource dataSource, ActivityPartitions partitions, BillingMetrics metrics) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.metrics = metrics;
    }

    /**
     * Stores the records that fit the kept window (older ones would be dropped at once, newer ones have no partition
     * and would only come from a clock far off); counts the others as discarded. @return rows newly written
     */
    public int store(List<ActivityRecord> records) {
        List<ActivityRecord> kept = new ArrayList<>(records.size());
        for (ActivityRecord r : records) {
            ActivityPartitions.Fit fit = partitions.fit(r.at());
            if (fit == ActivityPartitions.Fit.KEPT) {
                kept.add(r);
            } else {
                metrics.activityDiscarded(fit.name().toLowerCase(Locale.ROOT), 1);
            }
        }
        if (kept.isEmpty()) {
            return 0;
        }
        new TreeSet<>(kept.stream().map(r -> ActivityPartitions.day(r.at())).toList()).forEach(partitions::ensure);
        int written = insert(kept);
        metrics.activityStored(written);
        return written;
    }

    /**
     * One {@code COPY} of the records, less than half of PostgreSQL's work per row of an {@code INSERT} from arrays
     * (docs/decisions/009-activity-rows-by-copy.md). A record stored before (an entry delivered again) fails the copy
     * on the unique key; the batch is then copied into a temporary table and inserted from there, skipping what is
     * already stored.
     */
    private int insert(List<ActivityRecord> records) {
        byte[] rows = ActivityCopyText.of(records);
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try {
                return Math.toIntExact(copy.copyIn(COPY, new ByteArrayInputStream(rows)));
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            return insertSkippingStored(c, copy, rows);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("storing " + records.size() + " activity records failed"
                    + (e instanceof SQLException s ? ": SQLState " + s.getSQLState() : ""), e);
        }
    }

    private static int insertSkippingStored(Connection c, CopyManager copy, byte[] rows) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(STAGE);
            copy.copyIn(COPY_STAGED, new ByteArrayInputStream(rows));
            int written = s.executeUpdate(INSERT_STAGED);
            c.commit();
            return written;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}

package dev.socialcrawl.billing.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import dev.socialcrawl.billing.config.BillingConfig;

/**
 * The activity log's daily partitions (UTC days, R__activity_partitions.sql): today's and the next
 * {@code billing.activity.partitions-ahead} days' are created at start and by every maintenance run; a partition
 * whose whole day is older than {@code billing.activity.retention} is dropped, which is how rows expire. A record
 * whose day has no partition yet (inside that window) gets one on demand.
 */
@ApplicationScoped
public class ActivityPartitions {
    private static final Logger LOG = Logger.getLogger(ActivityPartitions.class);

    /** Where a record's day stands against the window of kept partitions. */
    public enum Fit {
        KEPT, EXPIRED, FUTURE
    }

    /** One maintenance run: the days it made sure of and the partitions it dropped. */
    public record Maintenance(List<LocalDate> ensured, List<String> dropped) {
    }

    private static final long DAY_MILLIS = 86_400_000L;

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration retention;
    private final int ahead;
    private final Set<LocalDate> present = ConcurrentHashMap.newKeySet();

    public ActivityPartitions(AgroalDataSource dataSource, Clock clock, BillingConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = config.activity().retention();
        this.ahead = config.activity().partitionsAhead();
    }

    void onStart(@Observes StartupEvent event) {
        scheduled();
    }

    @Scheduled(identity = "billing-activity-partitions", every = "${billing.activity.maintenance-interval:1h}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Maintenance done = maintain();
            if (!done.dropped().isEmpty()) {
                LOG.infof("Dropped activity partitions past the %s retention: %s", retention, done.dropped());
            }
        } catch (RuntimeException e) {
            LOG.error("Activity partition maintenance failed; the next run retries", e);
        }
    }

    /** Creates today's and the coming days' partitions and drops the expired ones, by the clock's today. */
    public synchronized Maintenance maintain() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<LocalDate> ensured = new ArrayList<>();
        for (int i = 0; i <= ahead; i++) {
            ensure(today.plusDays(i));
            ensured.add(today.plusDays(i));
        }
        List<String> dropped = dropEndingBefore(cutoff());
        if (!dropped.isEmpty()) {
            present.clear();
        }
        return new Maintenance(ensured, dropped);
    }

    /**
     * The times whose records may be stored now (inside the retention, not beyond the partitions kept ahead), for
     * {@link Window#fit} to answer per record without a clock.
     */
    public Window window() {
        long keptFromDay = epochDay(cutoff().toEpochMilli());
        long lastDay = epochDay(clock.millis()) + ahead;
        return new Window(keptFromDay * DAY_MILLIS, (lastDay + 1) * DAY_MILLIS);
    }

    /**
     * From the start of the oldest kept day (the one the retention cutoff falls in) to the end of the last day with a
     * partition ahead, in epoch milliseconds.
     */
    public record Window(long fromMillis, long untilMillis) {
        public Fit fit(long epochMillis) {
            return epochMillis < fromMillis ? Fit.EXPIRED : epochMillis >= untilMillis ? Fit.FUTURE : Fit.KEPT;
        }
    }

    /** Makes sure the day's partition exists (once per day and process, unless a drop happened since). */
    public void ensure(LocalDate day) {
        if (present.contains(day)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT billing_activity_partition(?)")) {
            ps.setObject(1, day);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("creating the activity partition of " + day + " failed: SQLState "
                    + e.getSQLState(), e);
        }
        present.add(day);
    }

    /** The UTC day of an instant in epoch milliseconds, as days since 1970-01-01. */
    public static long epochDay(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MILLIS);
    }

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private Instant cutoff() {
        return clock.instant().minus(retention);
    }

    private List<String> dropEndingBefore(Instant cutoff) {
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM billing_activity_drop_before(?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dropped.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dropping activity partitions before " + cutoff + " failed: SQLState "
                    + e.getSQLState(), e);
        }
        return dropped;
    }
}

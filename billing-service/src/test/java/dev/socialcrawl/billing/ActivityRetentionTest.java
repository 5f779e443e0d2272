package dev.socialcrawl.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.socialcrawl.billing.activity.ActivityPartitions;
import dev.socialcrawl.billing.activity.ActivityRecord;
import dev.socialcrawl.billing.activity.ActivityStore;

/**
 * The activity log's daily partitions follow the calendar: today's and the next days' exist ahead of need, and a
 * day past the retention is dropped with its rows. The clock is the test's ({@link SettableClock}, starting
 * 2030-01-10T12:00Z) and moves by whole days; the retention is 3 days and 2 days are kept ahead
 * ({@link ActivityClockProfile}).
 */
@QuarkusTest
@TestProfile(ActivityClockProfile.class)
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
// The first test checks what the start made, on the start's clock; the second moves the clock 20 days on.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivityRetentionTest {
    private static final String PARTITIONS_JOB = "billing-activity-partitions";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SettableClock clock;

    @Inject
    ActivityPartitions partitions;

    @Inject
    ActivityStore store;

    @Inject
    Scheduler scheduler;

    @BeforeEach
    void onlyTheTestRunsMaintenance() {
        scheduler.pause(PARTITIONS_JOB);
    }

    @AfterEach
    void resume() {
        scheduler.resume(PARTITIONS_JOB);
    }

    private static List<ActivityStore.Entry> entry(List<ActivityRecord> records) {
        return List.of(new ActivityStore.Entry(Api.rid(), records));
    }

    @Test
    @Order(1)
    void partitionsAreCreatedAheadAndDroppedWithTheirRowsOnceTheirDayIsPastTheRetention() throws SQLException {
        assertTrue(existing().containsAll(List.of("activity_blocks_p20300110", "activity_blocks_p20300111", "activity_blocks_p20300112")),
                "made at start for the clock's day and two days ahead: " + existing());

        LocalDate day0 = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        partitions.maintain();
        assertTrue(existing().containsAll(List.of(name(day0), name(day0.plusDays(1)), name(day0.plusDays(2)))));
        long account = Api.newAccount();
        String id = Api.rid();
        assertEquals(1, store.store(entry(List.of(record(id, account, clock.instant())))));

        Instant dayEndsThreeDaysAgo = day0.plusDays(4).atStartOfDay(ZoneOffset.UTC).toInstant();
        advanceTo(dayEndsThreeDaysAgo.minusMillis(1));
        assertFalse(partitions.maintain().dropped().contains(name(day0)), "a millisecond short of the retention");
        assertEquals(1, rows(id));
        assertTrue(existing().containsAll(List.of(name(day0.plusDays(3)), name(day0.plusDays(4)), name(day0.plusDays(5)))),
                "the days ahead follow the clock");

        advanceTo(dayEndsThreeDaysAgo);
        assertTrue(partitions.maintain().dropped().contains(name(day0)));
        assertFalse(existing().contains(name(day0)));
        assertEquals(0, rows(id), "its rows went with it");
        assertTrue(existing().contains(name(day0.plusDays(6))));
    }

    @Test
    @Order(2)
    void recordsPastTheRetentionOrBeyondThePartitionsAheadAreDiscardedAndAMissingDayIsMadeOnDemand() throws SQLException {
        clock.advance(Duration.ofDays(20)); // no maintenance since: today has no partition
        long account = Api.newAccount();
        Instant now = clock.instant();
        String old = Api.rid();
        String future = Api.rid();
        assertEquals(0, store.store(entry(List.of(record(old, account, now.minus(Duration.ofDays(5))),
                record(future, account, now.plus(Duration.ofDays(10)))))));
        assertEquals(0, rows(old) + rows(future));

        String today = Api.rid();
        String todayPartition = name(LocalDate.ofInstant(now, ZoneOffset.UTC));
        assertFalse(existing().contains(todayPartition));
        assertEquals(1, store.store(entry(List.of(record(today, account, now)))));
        assertTrue(existing().contains(todayPartition));
        assertEquals(1, rows(today));
    }

    private void advanceTo(Instant target) {
        clock.advance(Duration.between(clock.instant(), target));
    }

    private static String name(LocalDate day) {
        return "activity_blocks_p" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static ActivityRecord record(String id, long account, Instant at) {
        return new ActivityRecord(id, account, 1L, "abcd", "GET", "/v1/tiktok/profile", "", 200, null, 1L, false, false,
                5L, at);
    }

    private long rows(String requestId) throws SQLException {
        return Database.activityRows(dataSource, requestId);
    }

    private List<String> existing() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'activity_blocks'::regclass ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}

package dev.socialcrawl.billing.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.socialcrawl.billing.FreshDatabaseResource;

/**
 * V14 turns the activity log stored one row per request into blocks: every row comes through with every field, in
 * blocks of at most 500 records per account and UTC day, and the old table goes. A real database given V12's
 * table, filled, then V14 and today's partition functions.
 */
class ActivityBlocksMigrationTest {
    private static final Instant DAY1 = Instant.parse("2026-12-05T10:00:00.123Z");
    private static final Instant DAY2 = Instant.parse("2026-12-06T23:59:59.999Z");

    private final FreshDatabaseResource database = new FreshDatabaseResource();
    private String url;

    @BeforeEach
    void create() {
        url = database.start().get("quarkus.datasource.jdbc.url");
    }

    @AfterEach
    void drop() {
        database.stop();
    }

    @Test
    void everyRowOfTheOldLogIsInABlockWithEveryFieldAndTheOldTableIsGone() throws SQLException {
        migrate("V12__activity_log.sql");
        Map<String, Object[]> written = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String day : List.of("20261205", "20261206")) {
                s.execute("CREATE TABLE activity_log_p" + day + " PARTITION OF activity_log FOR VALUES FROM ('"
                        + day + "T00:00:00Z') TO ('" + day + "T00:00:00Z'::timestamptz + interval '1 day')");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO activity_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?)")) {
                for (int i = 0; i < 1203; i++) {
                    written.put("req-a-" + i, insert(ps, "req-a-" + i, 1, "/v1/tiktok/profile", "handle=" + i, 200, null,
                            DAY1.plusMillis(i)));
                }
                written.put("req-odd", insert(ps, "req-odd", 1, "/v1/x", "q=a\tb\\c\nd\re&u=\u00e9", 404,
                        "RESOURCE_NOT_FOUND", DAY1));
                written.put("req-b", insert(ps, "req-b", 2, "/v1/y", "", 502, "UPSTREAM_ERROR", DAY2));
                ps.executeBatch();
            }
        }

        migrate("V14__activity_blocks.sql");
        migrate("R__activity_partitions.sql");

        Map<String, ActivityRecord> stored = new HashMap<>();
        List<String> blocks = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT account_id, records, min_status, max_status, oldest_at, newest_at,"
                        + " rows FROM activity_blocks ORDER BY account_id, oldest_at, records")) {
            while (rs.next()) {
                List<ActivityRecord> records = ActivityRecord.fromRows(rs.getString(7));
                assertEquals(rs.getInt(2), records.size());
                blocks.add(rs.getLong(1) + ":" + rs.getInt(2) + ":" + rs.getInt(3) + "-" + rs.getInt(4));
                for (ActivityRecord r : records) {
                    assertNull(r.problem(), r.toString());
                    assertEquals(rs.getLong(1), r.accountId());
                    assertFalse(r.at().isBefore(rs.getObject(5, OffsetDateTime.class).toInstant()), "inside its block");
                    assertFalse(r.at().isAfter(rs.getObject(6, OffsetDateTime.class).toInstant()), "inside its block");
                    assertNull(stored.put(r.requestId(), r), "once: " + r.requestId());
                }
            }
            assertEquals(List.of("1:500:200-404", "1:500:200-200", "1:204:200-200", "2:1:502-502"), blocks);
            try (ResultSet old = s.executeQuery("SELECT to_regclass('activity_log')")) {
                old.next();
                assertNull(old.getString(1), "the old table is gone");
            }
        }
        assertEquals(written.keySet(), stored.keySet());
        for (Map.Entry<String, Object[]> w : written.entrySet()) {
            ActivityRecord r = stored.get(w.getKey());
            Object[] v = w.getValue();
            assertEquals(List.of(v), List.of(r.requestId(), r.accountId(), r.keyId(), r.keyLast4(), r.method(), r.path(),
                    r.query(), r.status(), r.errorType() == null ? "-" : r.errorType(), r.credits(), r.cached(),
                    r.replay(), r.latencyMs(), r.at()), w.getKey());
        }
    }

    private static Object[] insert(PreparedStatement ps, String id, long account, String path, String query, int status,
            String errorType, Instant at) throws SQLException {
        Object[] v = { id, account, 7L, "Zz9\\", "GET", path, query, status, errorType == null ? "-" : errorType,
            status >= 400 ? 0L : 1L, status == 200, false, 12L, at };
        for (int i = 0; i < v.length; i++) {
            ps.setObject(i + 1, i == 8 ? errorType : i == 13 ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : v[i]);
        }
        ps.addBatch();
        return v;
    }

    /** One migration's script as Flyway runs it, from the same classpath location. */
    private void migrate(String script) throws SQLException {
        try (InputStream in = getClass().getResourceAsStream("/db/migration/" + script); Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }
}

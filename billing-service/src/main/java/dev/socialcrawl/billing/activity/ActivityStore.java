package dev.socialcrawl.billing.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.metrics.BillingMetrics;

/**
 * Writes activity records in one statement per batch. Idempotent: a record delivered again (a replica died after
 * storing it but before acknowledging it) is the same {@code (request_id, occurred_at)} and is skipped by the unique
 * key, so at-least-once delivery stores each record once.
 */
@ApplicationScoped
public class ActivityStore {
    private static final String INSERT = "INSERT INTO activity_log (request_id, account_id, key_id, key_last4, method, path,"
            + " query, status, error_type, credits, cached, replay, latency_ms, occurred_at)"
            + " SELECT r, a, k, l, m, p, q, s, e, c, h, y, t, timestamptz 'epoch' + u * interval '1 microsecond'"
            + " FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::text[],"
            + " ?::text[], ?::smallint[], ?::varchar[], ?::bigint[], ?::boolean[], ?::boolean[], ?::integer[],"
            + " ?::bigint[]) AS x(r, a, k, l, m, p, q, s, e, c, h, y, t, u)"
            + " ON CONFLICT (request_id, occurred_at) DO NOTHING";

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

    /** The instant to the microsecond, PostgreSQL's precision (the rest is dropped, as a timestamptz would). */
    private static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private int insert(List<ActivityRecord> records) {
        int n = records.size();
        Object[][] columns = new Object[14][n];
        for (int i = 0; i < n; i++) {
            ActivityRecord r = records.get(i);
            Object[] row = { r.requestId(), r.accountId(), r.keyId(), r.keyLast4(), r.method(), r.pathCut(), r.queryCut(),
                    r.status().shortValue(), r.errorType(), r.credits(), r.cached(), r.replay(), r.latencyMs().intValue(),
                    epochMicros(r.at()) };
            for (int col = 0; col < row.length; col++) {
                columns[col][i] = row[col];
            }
        }
        String[] types = { "varchar", "int8", "int8", "varchar", "varchar", "text", "text", "int2", "varchar", "int8", "bool",
                "bool", "int4", "int8" };
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int col = 0; col < types.length; col++) {
                ps.setArray(col + 1, c.createArrayOf(types[col], columns[col]));
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + n + " activity records failed: SQLState " + e.getSQLState(), e);
        }
    }
}

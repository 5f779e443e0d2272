package dev.socialcrawl.billing.activity;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.activity.ActivityRows;
import dev.socialcrawl.billing.metrics.BillingMetrics;

/**
 * Writes activity records as blocks (V14, docs/decisions/010-activity-log-in-blocks.md): the records of one stream
 * entry become one row per account and UTC day, holding their rows of text, all entries of a read in one
 * {@code INSERT}. Idempotent: an entry delivered again (a replica died after storing it but before acknowledging it)
 * makes the same {@code (entry_id, account_id, newest_at)} keys, which are stored once, so at-least-once delivery
 * stores each record once.
 */
@ApplicationScoped
public class ActivityStore {
    private static final String INSERT = "INSERT INTO activity_blocks (entry_id, account_id, oldest_at, newest_at,"
            + " records, min_status, max_status, rows)"
            + " SELECT e, a, timestamptz 'epoch' + o * interval '1 millisecond',"
            + " timestamptz 'epoch' + n * interval '1 millisecond', c, lo, hi, r"
            + " FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::int[], ?::smallint[], ?::smallint[],"
            + " ?::text[]) AS b(e, a, o, n, c, lo, hi, r)"
            + " ON CONFLICT DO NOTHING RETURNING records";

    /** The records of one stream entry. */
    public record Entry(String id, List<ActivityRecord> records) {
    }

    private final AgroalDataSource dataSource;
    private final ActivityPartitions partitions;
    private final BillingMetrics metrics;

    public ActivityStore(AgroalDataSource dataSource, ActivityPartitions partitions, BillingMetrics metrics) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.metrics = metrics;
    }

    /**
     * Stores the entries' records that fit the kept window (older ones would be dropped at once, newer ones have no
     * partition and would only come from a clock far off); counts the others as discarded. The records must be valid
     * ({@link ActivityRecord#problem()} null). @return records newly written
     */
    public int store(List<Entry> entries) {
        List<Block> blocks = new ArrayList<>();
        for (Entry entry : entries) {
            Map<BlockKey, Block> byKey = new LinkedHashMap<>();
            for (ActivityRecord r : entry.records()) {
                ActivityPartitions.Fit fit = partitions.fit(r.at());
                if (fit == ActivityPartitions.Fit.KEPT) {
                    byKey.computeIfAbsent(new BlockKey(r.accountId(), ActivityPartitions.day(r.at())),
                            k -> new Block(entry.id(), k.accountId())).add(r);
                } else {
                    metrics.activityDiscarded(fit.name().toLowerCase(Locale.ROOT), 1);
                }
            }
            blocks.addAll(byKey.values());
        }
        if (blocks.isEmpty()) {
            return 0;
        }
        blocks.stream().map(b -> ActivityPartitions.day(Instant.ofEpochMilli(b.newest))).distinct().sorted()
                .forEach(partitions::ensure);
        int written = insert(blocks);
        metrics.activityStored(written);
        return written;
    }

    private int insert(List<Block> blocks) {
        int n = blocks.size();
        String[] entryIds = new String[n];
        Long[] accounts = new Long[n];
        Long[] oldest = new Long[n];
        Long[] newest = new Long[n];
        Integer[] counts = new Integer[n];
        Integer[] minStatus = new Integer[n];
        Integer[] maxStatus = new Integer[n];
        String[] rows = new String[n];
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            entryIds[i] = b.entryId;
            accounts[i] = b.accountId;
            oldest[i] = b.oldest;
            newest[i] = b.newest;
            counts[i] = b.records;
            minStatus[i] = b.minStatus;
            maxStatus[i] = b.maxStatus;
            rows[i] = new String(b.rows.toBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            Array[] arrays = { c.createArrayOf("varchar", entryIds), c.createArrayOf("int8", accounts),
                c.createArrayOf("int8", oldest), c.createArrayOf("int8", newest), c.createArrayOf("int4", counts),
                c.createArrayOf("int4", minStatus), c.createArrayOf("int4", maxStatus), c.createArrayOf("text", rows) };
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, arrays[i]);
            }
            int written = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written += rs.getInt(1);
                }
            }
            return written;
        } catch (SQLException e) {
            int records = blocks.stream().mapToInt(b -> b.records).sum();
            throw new IllegalStateException("storing " + records + " activity records failed: SQLState "
                    + e.getSQLState(), e);
        }
    }

    private record BlockKey(long accountId, LocalDate day) {
    }

    /** One account's records of one entry and day, as they grow. */
    private static final class Block {
        final String entryId;
        final long accountId;
        final ActivityRows.Writer rows = new ActivityRows.Writer(4096);
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        int records;
        int minStatus = Integer.MAX_VALUE;
        int maxStatus = Integer.MIN_VALUE;

        Block(String entryId, long accountId) {
            this.entryId = entryId;
            this.accountId = accountId;
        }

        void add(ActivityRecord r) {
            r.writeTo(rows);
            long at = r.at().toEpochMilli();
            oldest = Math.min(oldest, at);
            newest = Math.max(newest, at);
            minStatus = Math.min(minStatus, r.status());
            maxStatus = Math.max(maxStatus, r.status());
            records++;
        }
    }
}

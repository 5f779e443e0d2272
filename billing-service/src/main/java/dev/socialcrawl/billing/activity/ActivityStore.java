package dev.socialcrawl.billing.activity;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(ActivityStore.class);
    private static final String INSERT = "INSERT INTO activity_blocks (entry_id, account_id, oldest_at, newest_at,"
            + " records, min_status, max_status, rows)"
            + " SELECT e, a, timestamptz 'epoch' + o * interval '1 millisecond',"
            + " timestamptz 'epoch' + n * interval '1 millisecond', c, lo, hi, r"
            + " FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::int[], ?::smallint[], ?::smallint[],"
            + " ?::text[]) AS b(e, a, o, n, c, lo, hi, r)"
            + " ON CONFLICT DO NOTHING RETURNING records";

    /**
     * One stream entry: its {@code rows} as the gateway wrote them ({@link #ofRows}), or records already read (entries
     * of gateways from before the rows, and tests; {@code null} for an element that was not a record).
     */
    public record Entry(String id, String rows, List<ActivityRecord> records) {
        public Entry(String id, List<ActivityRecord> records) {
            this(id, null, records);
        }

        public static Entry ofRows(String id, String rows) {
            return new Entry(id, rows, List.of());
        }
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
     * Stores the entries' records that are valid and fit the kept window (older ones would be dropped at once, newer
     * ones have no partition and would only come from a clock far off); counts the others as discarded.
     * @return records newly written
     */
    public int store(List<Entry> entries) {
        ActivityPartitions.Window window = partitions.window();
        List<Block> blocks = new ArrayList<>();
        for (Entry entry : entries) {
            EntryBlocks of = new EntryBlocks(entry.id(), window);
            if (entry.rows() != null) {
                of.addRows(entry.rows());
            }
            entry.records().forEach(of::add);
            blocks.addAll(of.blocks);
        }
        if (blocks.isEmpty()) {
            return 0;
        }
        blocks.stream().mapToLong(b -> b.day).distinct().sorted()
                .forEach(day -> partitions.ensure(LocalDate.ofEpochDay(day)));
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
            rows[i] = b.rows.toString();
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

    /** The blocks one entry makes: its records by account and UTC day. */
    private final class EntryBlocks {
        final String entryId;
        final ActivityPartitions.Window window;
        final List<Block> blocks = new ArrayList<>(2);

        EntryBlocks(String entryId, ActivityPartitions.Window window) {
            this.entryId = entryId;
            this.window = window;
        }

        void addRows(String text) {
            RowCursor row = new RowCursor(text);
            while (row.next()) {
                if (row.storableAsIs) {
                    if (fits(row.atMillis)) {
                        block(row.accountId, row.atMillis).add(text, row.start, row.end, row.atMillis, row.status);
                    }
                } else {
                    List<ActivityRecord> read = ActivityRecord.fromRows(text.substring(row.start, row.next));
                    add(read.size() == 1 ? read.get(0) : null);
                }
            }
        }

        /** A record read field by field ({@code null}: not a record at all), stored if valid and rewritten. */
        void add(ActivityRecord r) {
            String problem = r == null ? "shape" : r.problem();
            if (problem != null) {
                LOG.warnf("Activity record in entry %s has no valid %s; dropped", entryId, problem);
                metrics.activityDiscarded("malformed", 1);
                return;
            }
            long at = r.at().toEpochMilli();
            if (fits(at)) {
                ActivityRows.Writer row = new ActivityRows.Writer(256);
                r.writeTo(row);
                String text = new String(row.toBytes(), StandardCharsets.UTF_8);
                block(r.accountId(), at).add(text, 0, text.length() - 1, at, r.status());
            }
        }

        private boolean fits(long atMillis) {
            ActivityPartitions.Fit fit = window.fit(atMillis);
            if (fit != ActivityPartitions.Fit.KEPT) {
                metrics.activityDiscarded(fit.name().toLowerCase(Locale.ROOT), 1);
            }
            return fit == ActivityPartitions.Fit.KEPT;
        }

        private Block block(long accountId, long atMillis) {
            long day = ActivityPartitions.epochDay(atMillis);
            for (Block b : blocks) {
                if (b.accountId == accountId && b.day == day) {
                    return b;
                }
            }
            Block b = new Block(entryId, accountId, day);
            blocks.add(b);
            return b;
        }
    }

    /** One account's records of one entry and day, as they grow. */
    private static final class Block {
        final String entryId;
        final long accountId;
        final long day;
        final StringBuilder rows = new StringBuilder(4096);
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        int records;
        int minStatus = Integer.MAX_VALUE;
        int maxStatus = Integer.MIN_VALUE;

        Block(String entryId, long accountId, long day) {
            this.entryId = entryId;
            this.accountId = accountId;
            this.day = day;
        }

        /** Appends the row {@code text[start, end)} (without its newline). */
        void add(String text, int start, int end, long atMillis, int status) {
            rows.append(text, start, end).append('\n');
            oldest = Math.min(oldest, atMillis);
            newest = Math.max(newest, atMillis);
            minStatus = Math.min(minStatus, status);
            maxStatus = Math.max(maxStatus, status);
            records++;
        }
    }
}

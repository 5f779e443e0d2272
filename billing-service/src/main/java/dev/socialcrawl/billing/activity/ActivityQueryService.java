package dev.socialcrawl.billing.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.web.PageCursor;
import dev.socialcrawl.billing.web.Slice;
import dev.socialcrawl.errors.RequestIds;

/**
 * Reads the activity log newest first, keyset-paged on {@code (at, request_id)}. The records live in blocks (V14),
 * which the filters narrow before any is unpacked: the account and the time range through the index
 * {@code (account_id, newest_at DESC)} and the daily partitions, a status through each block's status range, a request
 * id through the time it begins with (decision 008). Blocks come newest first by their newest record and overlap in
 * time (two gateways' entries of the same moment), so their records are merged: a record is final once no block still
 * unread can hold a newer one.
 */
@ApplicationScoped
@Transactional(TxType.NEVER)
public class ActivityQueryService {
    static final String CURSOR = "t";
    /** A request's record is stored with its end; its id holds its start. Longer than any request the gateway serves. */
    private static final Duration LONGEST_REQUEST = Duration.ofMinutes(10);
    /** Room for the clock of the gateway that minted an id stepping back before the request ended. */
    private static final Duration CLOCK_STEP = Duration.ofMinutes(1);
    private static final int BLOCKS_PER_FETCH = 8;
    private static final Comparator<ActivityRecord> NEWEST_FIRST = Comparator
            .comparing(ActivityRecord::at, Comparator.reverseOrder())
            .thenComparing(ActivityRecord::requestId, Comparator.reverseOrder());

    private final AgroalDataSource dataSource;
    private final AccountService accounts;
    private final Duration retention;

    public ActivityQueryService(AgroalDataSource dataSource, AccountService accounts, BillingConfig config) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.retention = config.activity().retention();
    }

    /** @param withAccount whether items carry {@code account_id} (the billing team's view) */
    public ActivityItem.Page page(ActivityQuery q, boolean withAccount) {
        if (q.accountId() != null) {
            accounts.find(q.accountId());
        }
        StringBuilder sql = new StringBuilder("SELECT newest_at, rows FROM activity_blocks WHERE true");
        List<Object> args = new ArrayList<>();
        condition(sql, args, " AND account_id = ?", q.accountId());
        condition(sql, args, " AND newest_at >= ?", q.from() == null ? null : utc(q.from()));
        if (q.to() != null) {
            // a block's records share one UTC day: the second bound lets the partitions after that day be skipped
            condition(sql, args, " AND oldest_at < ?", utc(q.to()));
            condition(sql, args, " AND newest_at < ?", utc(ActivityPartitions.day(q.to()).plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        condition(sql, args, " AND max_status >= ?", q.statusFrom());
        condition(sql, args, " AND min_status <= ?", q.statusTo());
        if (q.before() != null) {
            condition(sql, args, " AND oldest_at <= ?", utc(atMicros(q.before().atMicros())));
        }
        Instant began = q.requestId() == null ? null : began(q.requestId());
        if (began != null) {
            condition(sql, args, " AND newest_at >= ?", utc(began.minus(CLOCK_STEP)));
            condition(sql, args, " AND oldest_at <= ?", utc(began.plus(LONGEST_REQUEST)));
        }
        sql.append(" ORDER BY newest_at DESC");
        List<ActivityItem> items = new ArrayList<>(q.limit() + 1);
        for (ActivityRecord r : newestFirst(sql.toString(), args, q, q.limit() + 1)) {
            items.add(r.item(withAccount));
        }
        Slice<ActivityItem> page = Slice.of(items, q.limit(), ActivityQueryService::cursor);
        return new ActivityItem.Page(page.items(), page.nextCursor());
    }

    /**
     * The time a request id begins with, when it is one that begins with its time: inside the kept window. An id minted
     * before decision 008 is random from its first character; its record is then searched in the whole range.
     */
    private Instant began(String requestId) {
        long millis = RequestIds.epochMillisOf(requestId);
        Instant now = Instant.now();
        if (millis < now.minus(retention).minus(Duration.ofDays(2)).toEpochMilli()
                || millis > now.plus(Duration.ofDays(2)).toEpochMilli()) {
            return null;
        }
        return Instant.ofEpochMilli(millis);
    }

    /** Up to {@code wanted} matching records, newest first, from the blocks the query selects. */
    private List<ActivityRecord> newestFirst(String sql, List<Object> args, ActivityQuery q, int wanted) {
        List<ActivityRecord> out = new ArrayList<>(wanted);
        PriorityQueue<ActivityRecord> waiting = new PriorityQueue<>(NEWEST_FIRST);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // so that the driver fetches the blocks a few at a time
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(BLOCKS_PER_FETCH);
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (out.size() < wanted && rs.next()) {
                        Instant newest = rs.getObject(1, OffsetDateTime.class).toInstant();
                        // no block from here on holds a record newer than this one's newest
                        while (out.size() < wanted && !waiting.isEmpty() && waiting.peek().at().isAfter(newest)) {
                            out.add(waiting.poll());
                        }
                        for (ActivityRecord r : ActivityRecord.fromRows(rs.getString(2))) {
                            if (r != null && r.problem() == null && matches(r, q)) {
                                waiting.add(r);
                            }
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("activity query failed: SQLState " + e.getSQLState(), e);
        }
        while (out.size() < wanted && !waiting.isEmpty()) {
            out.add(waiting.poll());
        }
        return out;
    }

    private static boolean matches(ActivityRecord r, ActivityQuery q) {
        return (q.accountId() == null || q.accountId().equals(r.accountId()))
                && (q.from() == null || !r.at().isBefore(q.from()))
                && (q.to() == null || r.at().isBefore(q.to()))
                && (q.statusFrom() == null || r.status() >= q.statusFrom())
                && (q.statusTo() == null || r.status() <= q.statusTo())
                && (q.endpoint() == null || q.endpoint().equals(r.path()))
                && (q.requestId() == null || q.requestId().equals(r.requestId()))
                && (q.before() == null || olderThan(r, q.before()));
    }

    private static boolean olderThan(ActivityRecord r, ActivityQuery.Position position) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, r.at());
        return micros < position.atMicros()
                || micros == position.atMicros() && r.requestId().compareTo(position.requestId()) < 0;
    }

    private static String cursor(ActivityItem last) {
        return PageCursor.encode(CURSOR, ChronoUnit.MICROS.between(Instant.EPOCH, last.at()), last.requestId());
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private static Instant atMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

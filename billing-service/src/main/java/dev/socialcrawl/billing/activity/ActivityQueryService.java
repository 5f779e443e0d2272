package dev.socialcrawl.billing.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.web.PageCursor;
import dev.socialcrawl.billing.web.Slice;

/**
 * Reads the activity log newest first, keyset-paged on {@code (occurred_at, request_id)}: the account's index
 * {@code (account_id, occurred_at DESC, request_id DESC)} serves a page in one range scan, a time range prunes the
 * partitions, a request id uses the unique key's index.
 */
@ApplicationScoped
@Transactional(TxType.NEVER)
public class ActivityQueryService {
    static final String CURSOR = "t";
    private static final String COLUMNS = ActivityCopyText.COLUMNS;

    private final AgroalDataSource dataSource;
    private final AccountService accounts;

    public ActivityQueryService(AgroalDataSource dataSource, AccountService accounts) {
        this.dataSource = dataSource;
        this.accounts = accounts;
    }

    /** @param withAccount whether items carry {@code account_id} (the billing team's view) */
    public ActivityItem.Page page(ActivityQuery q, boolean withAccount) {
        if (q.accountId() != null) {
            accounts.find(q.accountId());
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM activity_log WHERE true");
        List<Object> args = new ArrayList<>();
        condition(sql, args, " AND account_id = ?", q.accountId());
        condition(sql, args, " AND occurred_at >= ?", q.from() == null ? null : utc(q.from()));
        condition(sql, args, " AND occurred_at < ?", q.to() == null ? null : utc(q.to()));
        condition(sql, args, " AND status >= ?", q.statusFrom());
        condition(sql, args, " AND status <= ?", q.statusTo());
        condition(sql, args, " AND path = ?", q.endpoint());
        condition(sql, args, " AND request_id = ?", q.requestId());
        if (q.before() != null) {
            sql.append(" AND (occurred_at, request_id) < (?, ?)");
            args.add(utc(Instant.EPOCH.plus(q.before().atMicros(), ChronoUnit.MICROS)));
            args.add(q.before().requestId());
        }
        sql.append(" ORDER BY occurred_at DESC, request_id DESC LIMIT ?");
        args.add(q.limit() + 1);
        Slice<ActivityItem> page = Slice.of(query(sql.toString(), args, withAccount), q.limit(), ActivityQueryService::cursor);
        return new ActivityItem.Page(page.items(), page.nextCursor());
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

    private List<ActivityItem> query(String sql, List<Object> args, boolean withAccount) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<ActivityItem> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new ActivityItem(rs.getString(1), withAccount ? rs.getLong(2) : null, rs.getLong(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                            rs.getString(9), rs.getLong(10), rs.getBoolean(11), rs.getBoolean(12), rs.getLong(13),
                            rs.getObject(14, OffsetDateTime.class).toInstant()));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("activity query failed: SQLState " + e.getSQLState(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package dev.socialcrawl.billing.dashboard.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.agroal.api.AgroalDataSource;

/** The sessions' and limits' plain JDBC: one autocommit statement per call, times as UTC timestamps. */
final class Sql {
    private Sql() {
    }

    static int update(AgroalDataSource dataSource, String what, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed: SQLState " + e.getSQLState(), e);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

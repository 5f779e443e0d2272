package dev.socialcrawl.billing.charge;

import java.sql.Connection;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;

/** One autocommit call on a pooled JDBC connection; a failure becomes an IllegalStateException naming the work. */
final class Jdbc {
    private Jdbc() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static <T> T call(AgroalDataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: SQLState " + e.getSQLState(), e);
        }
    }
}

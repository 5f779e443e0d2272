package dev.socialcrawl.billing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.agroal.api.AgroalDataSource;

/** Test-side SQL that makes timing faults deterministic: a row lock held on purpose, a wait seen in PostgreSQL. */
final class Database {
    private Database() {
    }

    /** A transaction of the test's own that holds locks until it is committed or closed (rolled back). */
    static final class OpenTransaction implements AutoCloseable {
        private final Connection connection;

        OpenTransaction(AgroalDataSource dataSource) throws SQLException {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        }

        /** Takes the account's row lock, as another replica's debit batch would. */
        OpenTransaction lockAccount(long accountId) throws SQLException {
            return execute("SELECT 1 FROM accounts WHERE id = " + accountId + " FOR UPDATE");
        }

        OpenTransaction execute(String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
            return this;
        }

        void commit() throws SQLException {
            connection.commit();
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } finally {
                connection.close();
            }
        }
    }

    /** Waits until a statement calling {@code function} waits for a lock in PostgreSQL. */
    static void awaitWaitingForLock(AgroalDataSource dataSource, String function) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> count(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND query LIKE '%" + function
                        + "(%'") > 0);
    }

    /** How many times the activity log holds this request: its rows inside the stored blocks. */
    static long activityRows(AgroalDataSource dataSource, String requestId) throws SQLException {
        return count(dataSource, "SELECT count(*) FROM activity_blocks, unnest(string_to_array(rows, E'\\n')) AS line"
                + " WHERE split_part(line, E'\\t', 1) = '" + requestId + "'");
    }

    static long count(AgroalDataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static void execute(AgroalDataSource dataSource, String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}

package dev.socialcrawl.bench.suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL database created for one benchmark run and dropped after it, so a run never sees another's
 * ledger and never touches the local suite's database.
 */
public final class FreshDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;

    private FreshDatabase(String adminUrl, String user, String password, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /**
     * @param host     e.g. {@code 127.0.0.1}
     * @param port     e.g. 5432
     * @param user     a user allowed to create databases
     * @param password its password (may be empty for trust auth)
     */
    public static FreshDatabase create(String host, int port, String user, String password) throws SQLException {
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        String name = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new SQLException("Cannot create the benchmark database on " + adminUrl + " as " + user
                    + " (is PostgreSQL running? see README): " + e.getMessage(), e);
        }
        return new FreshDatabase(adminUrl, user, password, name);
    }

    public String jdbcUrl() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("bench: could not drop database " + name + ": " + e.getMessage());
        }
    }
}

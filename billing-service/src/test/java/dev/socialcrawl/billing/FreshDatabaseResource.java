package dev.socialcrawl.billing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run its own PostgreSQL database (created on the local server, dropped afterwards), so
 * parallel runs and a developer's running suite never see each other's rows.
 * Server from {@code TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}), user postgres.
 */
public class FreshDatabaseResource implements QuarkusTestResourceLifecycleManager {
    private String serverUrl;
    private String database;

    @Override
    public Map<String, String> start() {
        serverUrl = System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        database = "billing_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + database);
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database;
        return Map.of("quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user(),
                "socialcrawl.redis.key-prefix", "test-" + database + ":");
    }

    @Override
    public void stop() {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private String user() {
        return System.getenv().getOrDefault("TEST_PG_USER", "postgres");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl, user(), System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database on " + serverUrl
                    + " (is PostgreSQL running? see README): " + e.getMessage(), e);
        }
    }
}

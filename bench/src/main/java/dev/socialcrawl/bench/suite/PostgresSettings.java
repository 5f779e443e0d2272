package dev.socialcrawl.bench.suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The PostgreSQL settings the billing figures depend on, as the server under the benchmark has them. The harness
 * uses the machine's server as it is configured, so the report says how that differs from production.
 *
 * @param version  {@code server_version}, e.g. {@code 15.20}
 * @param settings name → value as {@code SHOW} prints it, in {@link #NAMES} order
 */
public record PostgresSettings(String version, Map<String, String> settings) {

    /** What a commit waits for, what cleans up after the debits, and how much of the data stays in memory. */
    static final List<String> NAMES = List.of("synchronous_commit", "fsync", "wal_sync_method", "autovacuum",
            "shared_buffers", "max_wal_size", "checkpoint_timeout");

    public static PostgresSettings read(SuiteConfig config) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.adminJdbcUrl(), config.pgUser(), config.pgPassword());
             PreparedStatement s = c.prepareStatement("SELECT current_setting('server_version'), name, "
                     + "current_setting(name) FROM pg_settings WHERE name = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", NAMES.toArray()));
            String version = "";
            Map<String, String> found = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    version = rs.getString(1).split(" ")[0];
                    found.put(rs.getString(2), rs.getString(3));
                }
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            NAMES.stream().filter(found::containsKey).forEach(n -> ordered.put(n, found.get(n)));
            return new PostgresSettings(version, ordered);
        }
    }

    /** One line for the report's notes, with what differs from the production setup (docs/operations.md). */
    public String note() {
        String line = "PostgreSQL " + version + " as this machine configures it: " + settings.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ".";
        if ("off".equals(settings.get("autovacuum"))) {
            line += " Autovacuum is off here, unlike the production setup docs/operations.md asks for: nothing "
                    + "vacuums the billing tables during the run, so the dead pending-debit rows (each is written with "
                    + "its debit and deleted when the request is settled) and their index entries stay until the "
                    + "database is dropped.";
        }
        return line;
    }
}

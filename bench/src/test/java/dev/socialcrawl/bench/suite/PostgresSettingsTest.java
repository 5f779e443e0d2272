package dev.socialcrawl.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    private final SuiteConfig config = SuiteConfig.fromEnvironment(Path.of(".."), Map.of());

    @Test
    void readsTheServersOwnSettingsAsShowPrintsThem() throws Exception {
        PostgresSettings read = PostgresSettings.read(config);

        assertEquals(PostgresSettings.NAMES, List.copyOf(read.settings().keySet()));
        assertTrue(read.version().matches("\\d+(\\.\\d+)*"), read.version());
        try (Connection c = DriverManager.getConnection(config.adminJdbcUrl(), config.pgUser(), config.pgPassword());
             Statement s = c.createStatement()) {
            for (String name : PostgresSettings.NAMES) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    assertTrue(rs.next());
                    assertEquals(rs.getString(1), read.settings().get(name), name);
                }
            }
        }
    }

    @Test
    void theNoteListsTheSettingsAndSaysWhenAutovacuumIsOff() {
        Map<String, String> off = new LinkedHashMap<>();
        off.put("synchronous_commit", "on");
        off.put("autovacuum", "off");
        Map<String, String> on = new LinkedHashMap<>(off);
        on.put("autovacuum", "on");

        String withoutVacuum = new PostgresSettings("15.20", off).note();
        String withVacuum = new PostgresSettings("15.20", on).note();

        assertTrue(withoutVacuum.startsWith("PostgreSQL 15.20 as this machine configures it: synchronous_commit on, "
                + "autovacuum off."), withoutVacuum);
        assertTrue(withoutVacuum.contains("Autovacuum is off here"), withoutVacuum);
        assertEquals("PostgreSQL 15.20 as this machine configures it: synchronous_commit on, autovacuum on.",
                withVacuum);
        assertFalse(withVacuum.contains("Autovacuum is off"));
    }
}

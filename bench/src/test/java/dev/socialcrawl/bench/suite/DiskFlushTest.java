package dev.socialcrawl.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socialcrawl.bench.report.FlushLatency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFlushTest {

    @Test
    void everyRealFdatasyncIsTimedAndTheRateMatchesTheCount(@TempDir Path dir) throws Exception {
        FlushLatency flush = DiskFlush.measure("test", dir, Duration.ofMillis(300));

        assertTrue(flush.flushes() > 0, flush.toString());
        assertEquals(flush.flushes(), flush.latency().count());
        assertTrue(flush.perSecond() >= flush.flushes(), "300 ms of flushes is fewer than a second's worth: " + flush);
        assertTrue(flush.latency().p50() > 0 && flush.latency().p50() <= flush.latency().max(), flush.toString());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "the flush file is removed");
        }
    }

    @Test
    void aDirectoryThatCannotBeWrittenGivesAnEmptyMeasurementNotAnException(@TempDir Path dir) {
        FlushLatency flush = DiskFlush.measure("test", dir.resolve("missing"), Duration.ofMillis(50));

        assertEquals(0, flush.flushes());
        assertEquals(-1, flush.perSecond());
        assertTrue(flush.when().startsWith("test (failed: "), flush.when());
    }

    @Test
    void theFlushesGoBesidePostgresqlsDataDirectoryWhenItIsWritableElseToTheTempDirectory() throws Exception {
        SuiteConfig config = SuiteConfig.fromEnvironment(Path.of(".."), Map.of());
        Path data;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + config.pgHost() + ":" + config.pgPort()
                + "/postgres", config.pgUser(), config.pgPassword());
             ResultSet rs = c.createStatement().executeQuery("SHOW data_directory")) {
            rs.next();
            data = Path.of(rs.getString(1));
        }

        Path expected = Files.isWritable(data.getParent()) ? data.getParent() : Path.of(System.getProperty("java.io.tmpdir"));
        assertEquals(expected, DiskFlush.besidePostgres(config));
    }
}

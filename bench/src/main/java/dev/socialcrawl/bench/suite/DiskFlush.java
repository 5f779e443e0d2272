package dev.socialcrawl.bench.suite;

import dev.socialcrawl.bench.load.LatencySummary;
import dev.socialcrawl.bench.report.FlushLatency;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Times the disk's commit flush the way {@code pg_test_fsync} does ("one 8 kB write + fdatasync"), back to back,
 * each flush into a histogram: PostgreSQL's WAL flush is the same call on the same disk.
 */
public final class DiskFlush {

    private DiskFlush() {
    }

    /** Flushes for {@code length} in {@code directory}; a failure gives 0 flushes and an empty latency. */
    public static FlushLatency measure(String when, Path directory, Duration length) {
        ByteBuffer page = ByteBuffer.allocate(8192);
        Histogram micros = new Histogram(3_600_000_000L, 3);
        Path file = null;
        try {
            file = Files.createTempFile(directory, "bench-flush", ".tmp");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                long start = System.nanoTime();
                long end = start + length.toNanos();
                long now = start;
                while (now < end) {
                    page.clear();
                    channel.write(page, 0);
                    channel.force(false);
                    long done = System.nanoTime();
                    micros.recordValue(Math.max(1, (done - now) / 1000));
                    now = done;
                }
                double seconds = (now - start) / 1e9;
                return new FlushLatency(when, micros.getTotalCount(), Math.round(micros.getTotalCount() / seconds),
                        LatencySummary.of(micros));
            }
        } catch (IOException e) {
            return new FlushLatency(when + " (failed: " + e.getMessage() + ")", 0, -1, LatencySummary.EMPTY);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover 8 kB temp file is harmless
                }
            }
        }
    }

    /**
     * The directory that holds PostgreSQL's data directory when this process may write there (a local server, a
     * superuser), so the flushes hit the disk the WAL is on; the temp directory otherwise.
     */
    public static Path besidePostgres(SuiteConfig config) {
        try (Connection c = DriverManager.getConnection(config.adminJdbcUrl(), config.pgUser(), config.pgPassword());
             Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW data_directory")) {
            if (rs.next()) {
                Path parent = Path.of(rs.getString(1)).getParent();
                if (parent != null && Files.isWritable(parent)) {
                    return parent;
                }
            }
        } catch (SQLException | RuntimeException e) {
            // not a superuser or a remote server: the temp directory is the next best guess
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}

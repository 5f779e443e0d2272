package dev.socialcrawl.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socialcrawl.bench.load.LatencySummary;
import dev.socialcrawl.bench.report.DatabaseBaseline;
import dev.socialcrawl.bench.report.FlushLatency;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresBaselineTest {

    @Test
    void pgbenchMeasuresTheDebitShapedTransactionInAThrowawayDatabase() {
        SuiteConfig config = SuiteConfig.fromEnvironment(Path.of(".."), Map.of());

        FlushLatency flush = new FlushLatency("before the test", 100, 5000, LatencySummary.EMPTY);

        DatabaseBaseline baseline = new PostgresBaseline(config).measure(Duration.ofSeconds(1), flush);

        assertTrue(baseline.hotRowTps() > 0, baseline.toString());
        assertTrue(baseline.hotRowAsyncTps() > 0, baseline.toString());
        assertTrue(baseline.spreadTps() > 0, baseline.toString());
        assertEquals(5000, baseline.fdatasyncPerSecond());
        assertTrue(baseline.note().startsWith("pgbench -c 16 -j 2 -T 1 per figure"), baseline.note());
        assertTrue(baseline.note().contains("flushes: before the test"), baseline.note());
    }
}

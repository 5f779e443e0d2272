package dev.socialcrawl.bench.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socialcrawl.bench.report.DatabaseBaseline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBaselineTest {

    @Test
    void theDiskFlushRateIsMeasuredWithRealFdatasyncCalls(@TempDir Path dir) {
        double perSecond = PostgresBaseline.fdatasyncPerSecond(dir, Duration.ofMillis(200));

        assertTrue(perSecond > 0, "at least one flush per second, was " + perSecond);
    }

    @Test
    void pgbenchMeasuresTheDebitShapedTransactionInAThrowawayDatabase() {
        SuiteConfig config = SuiteConfig.fromEnvironment(Path.of(".."), Map.of());

        DatabaseBaseline baseline = new PostgresBaseline(config).measure(Duration.ofSeconds(1));

        assertTrue(baseline.hotRowTps() > 0, baseline.toString());
        assertTrue(baseline.hotRowAsyncTps() > 0, baseline.toString());
        assertTrue(baseline.spreadTps() > 0, baseline.toString());
        assertTrue(baseline.note().startsWith("pgbench -c 16 -j 2 -T 1 per figure"), baseline.note());
    }
}

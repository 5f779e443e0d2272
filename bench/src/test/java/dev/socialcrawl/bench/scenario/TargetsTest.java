package dev.socialcrawl.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.socialcrawl.bench.load.LatencySummary;
import dev.socialcrawl.bench.load.LoadResult;
import dev.socialcrawl.bench.report.ScenarioReport;
import dev.socialcrawl.bench.report.TargetCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static TargetCheck hotTarget(double offered, double answered, long errors) {
        LatencySummary latency = new LatencySummary(1000, 2, 4, 40, 90, 100, 3);
        LoadResult run = new LoadResult("hot", offered, 20, 64, 1000, 1000, answered, answered, latency, latency,
                Map.of("200", 1000L), Map.of(), errors, Map.of());
        List<ScenarioReport> reports = List.of(ScenarioReport.fixed(Scenarios.DEBIT_HOT, "hot", "hot", run));
        return new Targets(reports).evaluate(1000, 0L).stream()
                .filter(t -> t.target().startsWith("≥ 3,000 debits/s")).findFirst().orElseThrow();
    }

    @Test
    void anErrorFreeFixedRunThatAnsweredWhatItWasOfferedHoldsThatRate() {
        assertEquals(Boolean.TRUE, hotTarget(3000, 2999.96, 0).met());
    }

    @Test
    void aFixedRunThatFellBehindOrFailedDoesNotCount() {
        assertEquals(Boolean.FALSE, hotTarget(3000, 2600, 0).met());
        assertEquals(Boolean.FALSE, hotTarget(3000, 3000, 5).met());
    }
}

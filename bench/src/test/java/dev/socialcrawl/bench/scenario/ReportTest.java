package dev.socialcrawl.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socialcrawl.bench.load.LatencySummary;
import dev.socialcrawl.bench.load.LoadResult;
import dev.socialcrawl.bench.load.SearchPolicy;
import dev.socialcrawl.bench.load.SearchResult;
import dev.socialcrawl.bench.report.BenchReport;
import dev.socialcrawl.bench.report.DatabaseBaseline;
import dev.socialcrawl.bench.report.JsonReport;
import dev.socialcrawl.bench.report.MachineInfo;
import dev.socialcrawl.bench.report.MarkdownReport;
import dev.socialcrawl.bench.report.ScenarioReport;
import dev.socialcrawl.bench.report.ServiceFacts;
import dev.socialcrawl.bench.report.TargetCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static LoadResult result(String name, double rate, double rps, double p50, double p99, long errors) {
        LatencySummary latency = new LatencySummary(1000, p50, p50 * 2, p99, p99 * 1.5, p99 * 2, p50);
        return new LoadResult(name, rate, 20, 64, 1000, 1000, rps, rps - errors / 20.0, latency, latency,
                Map.of("200", 1000 - errors), errors == 0 ? Map.of() : Map.of("timeout", errors), errors, Map.of());
    }

    private static SearchResult search(String name, double good) {
        SearchPolicy policy = new SearchPolicy(1000, 1.5, 10, 50, 0.95, 0.01, 1);
        return new SearchResult(name, policy, List.of(new SearchResult.Step(result(name + "@1", good, good, 1, 2, 0), null),
                new SearchResult.Step(result(name + "@2", good * 1.5, good, 1, 80, 0), "p99 80.0 ms > bound 50 ms")),
                good, good, (good * 1.5) + "/s broke");
    }

    private static List<ScenarioReport> fullRun() {
        return List.of(
                ScenarioReport.search(Scenarios.BARE_MAX, "bare max", "bare", search("bare", 20_000)),
                ScenarioReport.fixed(Scenarios.UPSTREAM_0, "direct 0", "direct", result("u0", 1000, 1000, 0.3, 0.9, 0)),
                ScenarioReport.fixed(Scenarios.UPSTREAM_20, "direct 20", "direct", result("u20", 1000, 1000, 21, 23, 0)),
                ScenarioReport.fixed(Scenarios.CACHE_HIT, "cache hit", "hit", result("hit", 1000, 1000, 1.5, 4, 0)),
                ScenarioReport.search(Scenarios.CACHE_HIT_MAX, "cache hit max", "hit", search("hit", 12_000)),
                ScenarioReport.fixed(Scenarios.PAID_0, "paid 0", "paid", result("p0", 1000, 1000, 3, 8.4, 0)),
                ScenarioReport.fixed(Scenarios.PAID_20, "paid 20", "paid", result("p20", 1000, 1000, 24, 40, 0)),
                ScenarioReport.fixed(Scenarios.DEBIT_HOT, "hot debits", "debits", result("hot", 3000, 2990, 2, 9, 0)),
                ScenarioReport.search(Scenarios.DEBIT_HOT_MAX, "hot debits max", "debits", search("hot", 4500)),
                ScenarioReport.failed(Scenarios.REPLAY, "4 · idempotent replay", "replay", "GET … answered 500"));
    }

    @Test
    void theTargetsAreComputedFromTheScenariosOfTheSameRun() {
        List<TargetCheck> targets = new Targets(fullRun()).evaluate(1000, 0L);

        assertEquals(5, targets.size());
        assertEquals("0.60× (cache hit 12000/s, bare 20000/s)", targets.get(0).measured());
        assertTrue(targets.get(0).met());
        assertTrue(targets.get(1).measured().startsWith("+7.50 ms (paid p99 8.40 ms, direct p99 0.90 ms"),
                targets.get(1).measured());
        assertTrue(targets.get(1).met());
        assertTrue(targets.get(2).measured().startsWith("+17.00 ms"), targets.get(2).measured());
        assertFalse(targets.get(2).met());
        assertTrue(targets.get(3).measured().startsWith("4500 debits/s; fixed 3000/s offered: 2990 2xx/s"),
                targets.get(3).measured());
        assertTrue(targets.get(3).met());
        assertEquals("16.0× (miss p50 24.00 ms, hit p50 1.50 ms)", targets.get(4).measured());
        assertTrue(targets.get(4).met());
    }

    @Test
    void aTargetWhoseScenariosDidNotRunIsNotMeasuredRatherThanMissed() {
        List<TargetCheck> targets = new Targets(List.of()).evaluate(1000, null);

        targets.forEach(t -> assertNull(t.met(), t.target()));
        targets.forEach(t -> assertEquals("not measured", t.measured()));
    }

    @Test
    void integrityViolationsFailTheHotAccountTargetEvenWhenTheRateIsMet() {
        TargetCheck hot = new Targets(fullRun()).evaluate(1000, 3L).get(3);

        assertFalse(hot.met());
        assertTrue(hot.measured().endsWith("3 integrity violations"), hot.measured());
    }

    @Test
    void theReportRendersAsMarkdownWithEveryScenarioAndAsJsonThatReadsBack(@TempDir Path dir) throws Exception {
        List<ScenarioReport> scenarios = fullRun();
        BenchReport report = new BenchReport(MachineInfo.current(), "full", List.of("fixed-rate points 1000/s"),
                List.of(new ServiceFacts("gateway-service", 4200, 120.5, 260.25)), scenarios,
                new Targets(scenarios).evaluate(1000, 0L), "{\"violations\":0,\"accounts_checked\":1009}",
                new DatabaseBaseline(390, 265, 611, 1106, "pgbench -c 16 -j 2 -T 5 per figure"), List.of("a note"), 540);

        MarkdownReport.write(report, dir.resolve("docs/benchmarks.md"));
        JsonReport.write(report, dir.resolve("target/benchmarks.json"));

        String md = Files.readString(dir.resolve("docs/benchmarks.md"));
        assertTrue(md.startsWith("# Benchmarks\n"));
        assertTrue(md.contains("## How to run"));
        assertTrue(md.contains("## How it measures"));
        assertTrue(md.contains("## Targets and how they are computed"));
        assertTrue(md.contains("## Results against the targets"));
        assertTrue(md.contains("bench/run-benchmarks.sh"));
        assertTrue(md.contains("| " + Runtime.getRuntime().availableProcessors() + " | "), "machine row with the cores");
        assertTrue(md.contains("| cache-hit throughput ≥ 0.5× the bare loopback baseline (max-throughput searches) "
                + "| 0.60× (cache hit 12000/s, bare 20000/s) | yes |"));
        assertTrue(md.contains("| **no** |"), "a missed target is marked");
        assertTrue(md.contains("| paid 0 | 1000 | 1000 | 1000 | 3.00 | 6.00 | 8.40 | 12.60 | 16.80 | 3.00 / 8.40 | 0 | 200×1000 |"));
        assertTrue(md.contains("### cache hit max"));
        assertTrue(md.contains("Highest good rate **12000/s**"));
        assertTrue(md.contains("| 2 (broke: p99 80.0 ms > bound 50 ms) |"));
        assertTrue(md.contains("- **4 · idempotent replay**: GET … answered 500"));
        assertTrue(md.contains("| gateway-service | 4200 | 121 | 260 |"));
        assertTrue(md.contains("`{\"violations\":0,\"accounts_checked\":1009}`"));
        assertTrue(md.contains("| 390 | 265 | 611 | 1106 |"), "the PostgreSQL baseline row");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("target/benchmarks.json").toFile());
        assertEquals(Runtime.getRuntime().availableProcessors(), json.path("machine").path("cores").asInt());
        assertEquals(10, json.path("scenarios").size());
        assertEquals(12_000, json.path("scenarios").get(4).path("search").path("max_good_rate").asDouble());
        assertEquals(8.4, json.path("scenarios").get(5).path("fixed").path("latency").path("p99").asDouble());
        assertEquals("GET … answered 500", json.path("scenarios").get(9).path("failure").asText());
        assertTrue(json.path("targets").get(0).path("met").asBoolean());
    }

    @Test
    void theCheckedInReportCarriesTheSameMethodTextAsTheGeneratedOne() throws Exception {
        String method;
        try (var in = getClass().getResourceAsStream("/benchmarks-method.md")) {
            method = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
        String checkedIn = Files.readString(Path.of("../docs/benchmarks.md"));

        assertTrue(checkedIn.contains(method), "docs/benchmarks.md holds bench/src/main/resources/benchmarks-method.md");
    }
}

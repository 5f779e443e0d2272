package dev.socialcrawl.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socialcrawl.bench.load.CpuUsage;
import dev.socialcrawl.bench.load.LatencySummary;
import dev.socialcrawl.bench.load.LoadResult;
import dev.socialcrawl.bench.load.SecondSummary;
import dev.socialcrawl.bench.load.SearchPolicy;
import dev.socialcrawl.bench.load.SearchResult;
import dev.socialcrawl.bench.report.BenchReport;
import dev.socialcrawl.bench.report.DatabaseBaseline;
import dev.socialcrawl.bench.report.FlushLatency;
import dev.socialcrawl.bench.report.JsonReport;
import dev.socialcrawl.bench.report.MachineInfo;
import dev.socialcrawl.bench.report.MarkdownReport;
import dev.socialcrawl.bench.report.ScenarioReport;
import dev.socialcrawl.bench.report.ServiceFacts;
import dev.socialcrawl.bench.report.TargetCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void reportsRunNextToTheirBaselinesAreListedByScenarioNumberInRunOrder() {
        List<ScenarioReport> run = List.of(ScenarioReport.failed("bare", "1 · bare", "", "x"),
                ScenarioReport.failed("hit", "2 · hit", "", "x"), ScenarioReport.failed("up0", "1 · upstream 0", "", "x"),
                ScenarioReport.failed("paid", "3 · paid", "", "x"), ScenarioReport.failed("up20", "1 · upstream 20", "", "x"));

        assertEquals(List.of("bare", "up0", "up20", "hit", "paid"),
                Scenarios.inScenarioOrder(run).stream().map(ScenarioReport::id).toList());
    }

    private static LoadResult result(String name, double rate, double rps, double p50, double p99, long errors) {
        LatencySummary latency = new LatencySummary(1000, p50, p50 * 2, p99, p99 * 1.5, p99 * 2, p50);
        return new LoadResult(name, rate, 20, 64, 1000, 1000, rps, rps - errors / 20.0, latency, latency,
                Map.of("200", 1000 - errors), errors == 0 ? Map.of() : Map.of("timeout", errors), errors, Map.of());
    }

    private static LoadResult withTimeline(LoadResult r, SecondSummary... seconds) {
        return new LoadResult(r.name(), r.offeredRps(), r.measuredSeconds(), r.connections(), r.scheduled(),
                r.completed(), r.achievedRps(), r.successRps(), r.latency(), r.serviceTime(), r.statusCounts(),
                r.errorKinds(), r.errors(), r.headerCounts(), r.cpu(), List.of(seconds));
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
                ScenarioReport.fixed(Scenarios.PAID_0, "paid 0", "paid", withTimeline(result("p0", 1000, 1000, 3, 8.4, 0),
                        new SecondSummary(0, 1000, 4.1, 5), new SecondSummary(1, 1000, 31.25, 40),
                        new SecondSummary(2, 1000, 3.9, 6))),
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

    private static FlushLatency flush(String when, double p99, double p999, double max) {
        return new FlushLatency(when, 25_000, 5000, new LatencySummary(25_000, 0.18, 0.25, p99, p999, max, 0.2));
    }

    @Test
    void thePaidTargetsCiteTheDiskFlushTimedBeforeThePaidScenariosAndNoOtherTargetDoes() {
        List<TargetCheck> targets = new Targets(fullRun(), flush("before scenario 3 (paid)", 4.2, 61.5, 444))
                .evaluate(1000, 0L);

        for (TargetCheck paid : targets.subList(1, 3)) {
            assertTrue(paid.measured().endsWith("paid errors 0; disk flush before it: p99 4.20 ms, p99.9 61.50 ms, "
                    + "max 444.00 ms)"), paid.measured());
        }
        assertFalse(targets.get(3).measured().contains("disk flush"), targets.get(3).measured());
        FlushLatency failed = new FlushLatency("before scenario 3 (failed: x)", 0, -1, LatencySummary.EMPTY);
        assertFalse(new Targets(fullRun(), failed).evaluate(1000, 0L).get(1).measured().contains("disk flush"),
                "a flush measurement that failed is not quoted");
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
                new DatabaseBaseline(390, 265, 611, 1106, "pgbench -c 16 -j 2 -T 5 per figure"),
                List.of(flush("before scenario 3 (paid)", 4.2, 61.5, 444)), List.of("a note"), 540);

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
        assertTrue(md.contains("| paid 0 | 1000 | 1000 | 1000 | 3.00 | 6.00 | 8.40 | 12.60 | 16.80 | 3.00 / 8.40 "
                + "| 31.25 (s 1) | 0 | 200×1000 |"), "the worst second of the timeline");
        assertTrue(md.contains("| paid 20 | 1000 | 1000 | 1000 | 24.00 | 48.00 | 40.00 | 60.00 | 80.00 | 24.00 / 40.00 "
                + "| – | 0 | 200×1000 |"), "no timeline recorded");
        assertTrue(md.contains("### cache hit max"));
        assertTrue(md.contains("Highest good rate **12000/s**"));
        assertTrue(md.contains("| 2 (broke: p99 80.0 ms > bound 50 ms) |"));
        assertTrue(md.contains("- **4 · idempotent replay**: GET … answered 500"));
        assertTrue(md.contains("| gateway-service | 4200 | 121 | 260 |"));
        assertTrue(md.contains("`{\"violations\":0,\"accounts_checked\":1009}`"));
        assertTrue(md.contains("| 390 | 265 | 611 | 1106 |"), "the PostgreSQL baseline row");
        assertTrue(md.contains("## Disk flush latency"));
        assertTrue(md.contains("| before scenario 3 (paid) | 25000 | 5000 | 0.18 | 0.25 | 4.20 | 61.50 | 444 |"),
                "the flush row");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("target/benchmarks.json").toFile());
        assertEquals(Runtime.getRuntime().availableProcessors(), json.path("machine").path("cores").asInt());
        assertTrue(json.path("machine").path("memory_monitor").path("running").isInt(),
                "the kernel monitor is reported");
        assertEquals(10, json.path("scenarios").size());
        assertEquals(12_000, json.path("scenarios").get(4).path("search").path("max_good_rate").asDouble());
        assertEquals(8.4, json.path("scenarios").get(5).path("fixed").path("latency").path("p99").asDouble());
        assertEquals("GET … answered 500", json.path("scenarios").get(9).path("failure").asText());
        assertTrue(json.path("targets").get(0).path("met").asBoolean());
        assertEquals(61.5, json.path("flushes").get(0).path("latency").path("p999").asDouble());
    }

    private static CpuUsage cpu(long requests, double busyPercent, Object... msPerProcess) {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (int i = 0; i < msPerProcess.length; i += 2) {
            ms.put((String) msPerProcess[i], (Double) msPerProcess[i + 1]);
        }
        return CpuUsage.of(20, requests, ms, 2 * 20_000 * busyPercent / 100, busyPercent);
    }

    private static BenchReport withCpu(List<ScenarioReport> scenarios) {
        return new BenchReport(MachineInfo.current(), "full", List.of("fixed-rate points 1000/s"), List.of(), scenarios,
                List.of(), null, null, List.of(), List.of(), 60);
    }

    @Test
    void theCpuTableHasARowPerFixedRateScenarioAColumnPerProcessAndADashForAProcessThatWasGone() throws Exception {
        CpuUsage hitCpu = cpu(20_000, 62.34, "billing-service", 2000.0, "gateway-service", 6000.0, "load-generator",
                5000.0, "postgresql", 400.0);
        LoadResult hit = result("hit", 1000, 1000, 1.5, 4, 0).withCpu(CpuUsage.of(20, 20_000, hitCpu.cpuMs(),
                2 * 20_000 * 62.34 / 100, 62.34, null, null, 1000.0));
        LoadResult paid = result("p0", 450, 450, 3, 8.4, 0).withCpu(cpu(9_000, 97.6, "billing-service", null,
                "gateway-service", 9000.0, "load-generator", 2250.0, "postgresql", 18_000.0, "redis", 900.0));
        SearchResult search = new SearchResult("paid", new SearchPolicy(250, 1.5, 10, 50, 0.95, 0.01, 1),
                List.of(new SearchResult.Step(result("s1", 250, 250, 1, 2, 0).withCpu(cpu(2000, 55, "gateway-service",
                        1000.0)), null), new SearchResult.Step(result("s2", 375, 300, 1, 80, 0), "p99 80.0 ms > bound 50 ms")),
                250, 250, "375/s broke");
        List<ScenarioReport> scenarios = List.of(
                ScenarioReport.fixed(Scenarios.CACHE_HIT, "2 · gateway cache hit", "hit", hit),
                ScenarioReport.fixed(Scenarios.PAID_0, "3 · gateway paid miss, 0 ms upstream", "paid", paid),
                ScenarioReport.fixed(Scenarios.UPSTREAM_0, "no cpu", "direct", result("u0", 1000, 1000, 0.3, 0.9, 0)),
                ScenarioReport.search(Scenarios.PAID_MAX, "paid max", "paid", search));

        String md = MarkdownReport.render(withCpu(scenarios));

        assertTrue(md.contains("## CPU per request\n"));
        assertTrue(md.contains("| scenario | answered | billing-service | gateway-service | load-generator | postgresql "
                + "| redis | total | of which JIT | machine busy |\n|---|---|---|---|---|---|---|---|---|---|\n"), md);
        assertTrue(md.contains("| 2 · gateway cache hit | 20000 | 0.100 | 0.300 | 0.250 | 0.020 | – | 0.670 | 0.050 "
                + "| 62 % |\n"), "a process not measured in a row shows –; the compilers' 1000 ms over 20000 answers");
        assertTrue(md.contains("| 3 · gateway paid miss, 0 ms upstream | 9000 | – | 1.000 | 0.250 | 2.000 | 0.100 "
                + "| 3.350 | – | 98 % |\n"), "billing had exited: –, and the total is over the others");
        assertTrue(md.contains("`of which JIT` is the part of `total`"), "the column is explained");
        String cpuSection = md.substring(md.indexOf("## CPU per request"), md.indexOf("## Max-throughput searches"));
        assertFalse(cpuSection.contains("| no cpu | "), "a result without CPU accounting has no row");
        assertEquals(2 + 2, cpuSection.lines().filter(l -> l.startsWith("|")).count(), "header, rule, two rows");
        assertTrue(md.contains("| statuses | CPU ms/request, machine busy |"));
        assertTrue(md.contains("| 200×1000 | 0.500, 55 % |\n"), "a search step carries its total and busy share");
        assertTrue(md.contains("| 2 (broke: p99 80.0 ms > bound 50 ms) |") && md.contains("| 200×1000 | – |\n"));

        JsonNode json = new ObjectMapper().readTree(JsonReport.render(withCpu(scenarios)));
        JsonNode paidCpu = json.path("scenarios").get(1).path("fixed").path("cpu");
        assertEquals(18_000, paidCpu.path("cpu_ms").path("postgresql").asDouble());
        assertTrue(paidCpu.path("cpu_ms").path("billing-service").isNull());
        assertEquals(2.0, paidCpu.path("ms_per_request").path("postgresql").asDouble());
        assertEquals(3.35, paidCpu.path("total_ms_per_request").asDouble());
        assertEquals(97.6, paidCpu.path("machine_busy_percent").asDouble());
        assertTrue(paidCpu.path("jit_ms").isNull());
        JsonNode hitCpuJson = json.path("scenarios").get(0).path("fixed").path("cpu");
        assertEquals(1000.0, hitCpuJson.path("jit_ms").asDouble());
        assertEquals(0.05, hitCpuJson.path("jit_ms_per_request").asDouble());
        assertEquals(0.5, json.path("scenarios").get(3).path("search").path("steps").get(0).path("result").path("cpu")
                .path("total_ms_per_request").asDouble());

        assertTrue(MarkdownReport.render(withCpu(List.of())).contains("## CPU per request\n\nNot measured.\n"));
    }

    @Test
    void aSearchWhoseFirstStepAlreadyBrokeSaysSoInsteadOfAHighestGoodRateOfZero() {
        SearchResult none = new SearchResult("paid", new SearchPolicy(250, 1.5, 10, 50, 0.95, 0.01, 1),
                List.of(new SearchResult.Step(result("s1", 250, 250, 3, 258, 0), "p99 257.9 ms > bound 50 ms")),
                0, 0, "250/s broke: p99 257.9 ms > bound 50 ms");

        String md = MarkdownReport.render(withCpu(List.of(ScenarioReport.search(Scenarios.PAID_MAX, "paid max", "paid",
                none))));

        assertTrue(md.contains("### paid max\n\n**No step held every bound**, not even the first; stopped: 250/s "
                + "broke: p99 257.9 ms > bound 50 ms. Bounds: p99 ≤ 50 ms"), md);
        assertFalse(md.contains("**0/s**"));
    }

    @Test
    void aFixedRateScenarioThatKeptTheMachineAtLeastNinetyPercentBusyGetsACpuBoundNote() {
        LoadResult busy = result("p0", 450, 450, 3, 8.4, 0).withCpu(cpu(9_000, 97.6, "gateway-service", 9000.0,
                "billing-service", null, "postgresql", 18_000.0));
        LoadResult calm = result("hit", 1000, 1000, 1.5, 4, 0).withCpu(cpu(20_000, 89.9, "gateway-service", 6000.0));
        LoadResult crowded = result("replay", 100, 100, 2, 35, 0).withCpu(cpu(2000, 98, "gateway-service", 8000.0));

        List<String> notes = Scenarios.cpuBoundNotes(List.of(
                ScenarioReport.fixed(Scenarios.PAID_0, "3 · gateway paid miss, 0 ms upstream", "paid", busy),
                ScenarioReport.fixed(Scenarios.CACHE_HIT, "2 · gateway cache hit", "hit", calm),
                ScenarioReport.failed(Scenarios.REPLAY, "4 · idempotent replay", "replay", "boom"),
                ScenarioReport.fixed(Scenarios.REPLAY, "4 · idempotent replay", "replay", crowded)), 2);

        assertEquals(List.of("CPU-bound: 3 · gateway paid miss, 0 ms upstream at 450/s kept the machine 98 % busy "
                + "(all 2 cores) during its measured window, so its latency and throughput show this machine's CPU "
                + "limit, not the path's alone. CPU ms per request: postgresql 2.000, gateway-service 1.000; "
                + "measured processes together 3.000, whole machine 4.338.", "CPU-bound: 4 · idempotent replay at "
                + "100/s kept the machine 98 % busy (all 2 cores) during its measured window, so its latency and "
                + "throughput show this machine's CPU limit, not the path's alone. CPU ms per request: gateway-service "
                + "4.000; measured processes together 4.000, whole machine 19.600. Only 20 % of that CPU went to the "
                + "measured processes: other work on the machine ran during this window and skews it."), notes);
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

package dev.socialcrawl.bench.scenario;

import dev.socialcrawl.bench.load.LoadResult;
import dev.socialcrawl.bench.load.SearchResult;
import dev.socialcrawl.bench.report.FlushLatency;
import dev.socialcrawl.bench.report.ScenarioReport;
import dev.socialcrawl.bench.report.TargetCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four targets of issue 8, computed from the scenarios of one run (baselines from the same run). */
final class Targets {

    private final List<ScenarioReport> scenarios;
    private final Optional<FlushLatency> flushBeforePaid;

    /** {@code flushBeforePaid}: the disk's flush timed just before the paid scenarios, or {@code null}. */
    Targets(List<ScenarioReport> scenarios, FlushLatency flushBeforePaid) {
        this.scenarios = scenarios;
        this.flushBeforePaid = Optional.ofNullable(flushBeforePaid).filter(fl -> fl.flushes() > 0);
    }

    Targets(List<ScenarioReport> scenarios) {
        this(scenarios, null);
    }

    List<TargetCheck> evaluate(double fixedRate, Long integrityViolations) {
        List<TargetCheck> out = new ArrayList<>();
        out.add(cacheHitVersusBare());
        out.add(paidAddedP99(fixedRate, 0));
        out.add(paidAddedP99(fixedRate, 20));
        out.add(hotDebits(integrityViolations));
        out.add(hitVersusMiss());
        return out;
    }

    private TargetCheck cacheHitVersusBare() {
        String target = "cache-hit throughput ≥ 0.5× the bare loopback baseline (max-throughput searches)";
        Optional<SearchResult> hit = search(Scenarios.CACHE_HIT_MAX);
        Optional<SearchResult> bare = search(Scenarios.BARE_MAX);
        if (hit.isEmpty() || bare.isEmpty() || bare.get().maxGoodRps() <= 0) {
            return new TargetCheck(target, "not measured", null);
        }
        double ratio = hit.get().maxGoodRps() / bare.get().maxGoodRps();
        return new TargetCheck(target, f("%.2f× (cache hit %.0f/s, bare %.0f/s)", ratio, hit.get().maxGoodRps(),
                bare.get().maxGoodRps()), ratio >= 0.5);
    }

    private TargetCheck paidAddedP99(double rate, int latencyMs) {
        String target = f("paid path p99 added over the fake upstream called directly ≤ 10 ms at %.0f/s (%d ms upstream)",
                rate, latencyMs);
        Optional<LoadResult> paid = fixed(latencyMs == 0 ? Scenarios.PAID_0 : Scenarios.PAID_20);
        Optional<LoadResult> direct = fixed(latencyMs == 0 ? Scenarios.UPSTREAM_0 : Scenarios.UPSTREAM_20);
        if (paid.isEmpty() || direct.isEmpty()) {
            return new TargetCheck(target, "not measured", null);
        }
        double added = paid.get().latency().p99() - direct.get().latency().p99();
        boolean clean = paid.get().errors() == 0;
        // every paid request waits for its debit's synchronous commit, so the disk's flush tail is shown beside it
        String flush = flushBeforePaid.map(fl -> f("; disk flush before it: p99 %.2f ms, p99.9 %.2f ms, max %.2f ms", fl.latency().p99(),
                        fl.latency().p999(), fl.latency().max()))
                .orElse("");
        return new TargetCheck(target, f("%+.2f ms (paid p99 %.2f ms, direct p99 %.2f ms; paid errors %d%s)", added,
                paid.get().latency().p99(), direct.get().latency().p99(), paid.get().errors(), flush),
                added <= 10 && clean);
    }

    private TargetCheck hotDebits(Long violations) {
        String target = "≥ 3,000 debits/s on one hot account with zero integrity violations";
        Optional<SearchResult> max = search(Scenarios.DEBIT_HOT_MAX);
        Optional<LoadResult> fixed = fixed(Scenarios.DEBIT_HOT);
        if (max.isEmpty() && fixed.isEmpty()) {
            return new TargetCheck(target, "not measured", null);
        }
        // an error-free fixed run that answered (within 1 %, the schedule's rounding) all it was offered held that rate
        double best = Math.max(max.map(SearchResult::maxGoodRps).orElse(0.0),
                fixed.filter(r -> r.errors() == 0).map(r -> r.successRps() >= 0.99 * r.offeredRps() ? r.offeredRps()
                        : r.successRps()).orElse(0.0));
        String fixedText = fixed.map(r -> f("; fixed %.0f/s offered: %.0f 2xx/s, p99 %.2f ms, %d errors", r.offeredRps(),
                r.successRps(), r.latency().p99(), r.errors())).orElse("");
        String integrity = violations == null ? "integrity not checked" : violations + " integrity violations";
        return new TargetCheck(target, f("%.0f debits/s%s; %s", best, fixedText, integrity),
                violations == null ? null : best >= 3000 && violations == 0);
    }

    private TargetCheck hitVersusMiss() {
        String target = "a cache hit ≥ 10× faster (p50) than a paid miss against a 20 ms upstream";
        Optional<LoadResult> hit = fixed(Scenarios.CACHE_HIT);
        Optional<LoadResult> miss = fixed(Scenarios.PAID_20);
        if (hit.isEmpty() || miss.isEmpty() || hit.get().latency().p50() <= 0) {
            return new TargetCheck(target, "not measured", null);
        }
        double ratio = miss.get().latency().p50() / hit.get().latency().p50();
        return new TargetCheck(target, f("%.1f× (miss p50 %.2f ms, hit p50 %.2f ms)", ratio, miss.get().latency().p50(),
                hit.get().latency().p50()), ratio >= 10);
    }

    private Optional<LoadResult> fixed(String id) {
        return fixed(scenarios, id);
    }

    /** The fixed-rate result of scenario {@code id}, if it ran and completed. */
    static Optional<LoadResult> fixed(List<ScenarioReport> scenarios, String id) {
        return scenarios.stream().filter(s -> s.id().equals(id) && s.fixed() != null).map(ScenarioReport::fixed).findFirst();
    }

    private Optional<SearchResult> search(String id) {
        return scenarios.stream().filter(s -> s.id().equals(id) && s.search() != null).map(ScenarioReport::search)
                .findFirst();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}

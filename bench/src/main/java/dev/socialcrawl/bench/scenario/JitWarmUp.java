package dev.socialcrawl.bench.scenario;

import dev.socialcrawl.bench.load.CpuUsage;
import dev.socialcrawl.bench.load.LoadGenerator;
import dev.socialcrawl.bench.load.LoadResult;
import dev.socialcrawl.bench.load.LoadSpec;
import dev.socialcrawl.bench.load.RequestSupplier;
import dev.socialcrawl.bench.suite.CpuAccounting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Warms the services' JIT up before anything is measured, and checks that it did. Freshly started services run
 * interpreted and in C1 at several times their compiled cost, so the full warm-up rate at once can overload a
 * slow machine: requests time out, the per-key concurrency limit answers 429, and the hot paths get fewer calls
 * than C2 needs (on one host, 800/s from the start gave 22,000 failures in 90 s and the compiler threads still
 * took 20-35 % of the services' CPU in the first measured window). So the rate ramps up (a quarter, a half, then
 * all of it), and the last part of the warm-up reads the CPU of the JVMs' compiler threads: while they use more
 * than {@link #QUIET_CORE_PERCENT} % of one core, the warm-up goes on at the full rate, for at most its own length
 * again.
 */
final class JitWarmUp {

    /** The JIT counts as settled once the JVMs' compiler threads together use at most this share of one core. */
    static final double QUIET_CORE_PERCENT = 5;
    private static final Duration LONGEST_STEP = Duration.ofSeconds(10);

    /** One constant-rate part of the warm-up; {@code checked} parts read the compilers' CPU. */
    record Stage(double rate, Duration length, boolean checked) {
    }

    /**
     * How it went: the time it took, its requests and failures over every stage, and the compilers' share of one
     * core in the last checked stage ({@code null} when it could not be read).
     */
    record Outcome(Duration took, long scheduled, long errors, Map<String, Long> statuses, Map<String, Long> failures,
                   Double compilerCorePercent, boolean settled) {

        String summary() {
            return String.format(Locale.ROOT, "%d s, compiler threads at %s of one core at its end%s",
                    took.toSeconds(), corePercent(compilerCorePercent),
                    settled ? "" : String.format(Locale.ROOT, " (above %.0f %%: not settled)", QUIET_CORE_PERCENT));
        }
    }

    private JitWarmUp() {
    }

    /**
     * The planned stages for a warm-up of {@code length} at {@code rate}: a quarter and a half of the rate for a
     * ninth of the length each (at most 10 s), then the full rate, whose last ninth (at most 10 s) is checked.
     */
    static List<Stage> stages(Duration length, double rate) {
        Duration step = step(length);
        Duration full = length.minus(step.multipliedBy(3));
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(rate / 4, step, false));
        stages.add(new Stage(rate / 2, step, false));
        if (!full.isZero() && !full.isNegative()) {
            stages.add(new Stage(rate, full, false));
        }
        stages.add(new Stage(rate, step, true));
        return stages;
    }

    /** Length of a ramp stage and of one check: a ninth of the warm-up, from 1 ms to 10 s. */
    static Duration step(Duration length) {
        Duration ninth = length.dividedBy(9);
        if (ninth.compareTo(LONGEST_STEP) > 0) {
            return LONGEST_STEP;
        }
        return ninth.isZero() ? Duration.ofMillis(1) : ninth;
    }

    private static String corePercent(Double percent) {
        return percent == null ? "(unread)" : String.format(Locale.ROOT, "%.1f %%", percent);
    }

    static boolean settled(Double compilerCorePercent) {
        return compilerCorePercent == null || compilerCorePercent <= QUIET_CORE_PERCENT;
    }

    /**
     * Runs the stages, then full-rate checks of one step each while the compilers are busy, up to {@code length}
     * more. Prints each check; never throws for failed requests (they are counted).
     */
    static Outcome run(LoadGenerator generator, Map<String, Long> jvmPids, String name, double rate, Duration length,
                       int connections, RequestSupplier requests) {
        long started = System.nanoTime();
        long scheduled = 0;
        long errors = 0;
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Long> failures = new TreeMap<>();
        Double compilers = null;
        Duration extra = Duration.ZERO;
        List<Stage> plan = new ArrayList<>(stages(length, rate));
        while (!plan.isEmpty()) {
            Stage stage = plan.remove(0);
            LoadSpec spec = LoadSpec.of(name, stage.rate(), Duration.ZERO, stage.length(), connections);
            CpuAccounting cpu = stage.checked() ? new CpuAccounting(jvmPids) : null;
            LoadResult result = cpu == null ? generator.run(spec, requests) : generator.run(spec, requests, cpu);
            scheduled += result.scheduled();
            errors += result.errors();
            result.statusCounts().forEach((k, v) -> statuses.merge(k, v, Long::sum));
            result.errorKinds().forEach((k, v) -> failures.merge(k, v, Long::sum));
            String line = String.format(Locale.ROOT, "    .. %.0f/s for %.0f s: %.0f 2xx/s, errors %d", stage.rate(),
                    stage.length().toMillis() / 1000.0, result.successRps(), result.errors());
            if (cpu == null) {
                System.out.println(line);
                continue;
            }
            CpuUsage usage = cpu.usage(result.completed());
            compilers = usage == null ? null : usage.jitCorePercent();
            System.out.println(line + ", compiler threads " + corePercent(compilers) + " of one core");
            if (!settled(compilers) && extra.compareTo(length) < 0) {
                extra = extra.plus(stage.length());
                plan.add(stage);
            }
        }
        return new Outcome(Duration.ofNanos(System.nanoTime() - started), scheduled, errors, statuses, failures,
                compilers, settled(compilers));
    }
}

package dev.socialcrawl.bench.scenario;

import dev.socialcrawl.bench.load.LoadSpec;
import dev.socialcrawl.bench.load.SearchPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The knobs of one benchmark run, from the environment ({@code BENCH_*}); {@code BENCH_PROFILE=quick} shrinks
 * every default to a smoke run of about a minute.
 */
public record Settings(String profile, double rate, double debitRate, Duration warmup, Duration duration,
                       Duration stepWarmup, Duration stepDuration, int connections, double p99BoundMs,
                       double searchFactor, int searchSteps, int refineSteps, Set<String> scenarios,
                       Duration jitWarmup, Path traceDir) {

    /**
     * Rate of the services' JIT warm-up, far from saturating. C2 compiles a method after about 5,000 calls
     * (HotSpot's Tier4InvocationThreshold), later while its queue is long: 800/s for the default 90 s gives each of
     * the three or four interleaved paths 18,000 to 24,000 requests. Measured in the first paid run after it: the
     * compiler threads used 3-5 % of each service's CPU, against 12-26 % after 45 s and the paid path still in C1
     * after 300/s for 30 s (1.6 ms of CPU per request there, the same path 1.1 ms a minute later).
     */
    public static final double JIT_WARMUP_RATE = 800;

    public static final List<String> GROUPS = List.of("baseline", "cache", "paid", "replay", "billing");

    public static Settings fromEnvironment(Map<String, String> env) {
        boolean quick = "quick".equalsIgnoreCase(env.getOrDefault("BENCH_PROFILE", "full"));
        String groups = env.getOrDefault("BENCH_SCENARIOS", "all").trim().toLowerCase(Locale.ROOT);
        Set<String> chosen = groups.equals("all") || groups.isEmpty() ? Set.copyOf(GROUPS)
                : Arrays.stream(groups.split("[,\\s]+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        for (String g : chosen) {
            if (!GROUPS.contains(g)) {
                throw new IllegalArgumentException("BENCH_SCENARIOS: unknown scenario group '" + g
                        + "'; known: " + String.join(", ", GROUPS));
            }
        }
        return new Settings(quick ? "quick" : "full",
                number(env, "BENCH_RATE", quick ? 100 : 1000),
                number(env, "BENCH_DEBIT_RATE", quick ? 200 : 3000),
                Duration.ofSeconds((long) number(env, "BENCH_WARMUP_S", quick ? 1 : 10)),
                Duration.ofSeconds((long) number(env, "BENCH_DURATION_S", quick ? 3 : 20)),
                Duration.ofSeconds((long) number(env, "BENCH_STEP_WARMUP_S", quick ? 1 : 2)),
                Duration.ofSeconds((long) number(env, "BENCH_STEP_S", quick ? 2 : 8)),
                (int) number(env, "BENCH_CONNECTIONS", 64),
                number(env, "BENCH_P99_BOUND_MS", 50),
                quick ? 2 : 1.5, quick ? 2 : 10, quick ? 0 : 2, Set.copyOf(chosen),
                Duration.ofSeconds((long) nonNegative(env, "BENCH_JIT_WARMUP_S", quick ? 3 : 90)),
                traceDir(env));
    }

    /** {@code BENCH_TRACE_DIR}: where every run writes one line per measured request, or {@code null}. */
    private static Path traceDir(Map<String, String> env) {
        String value = env.get("BENCH_TRACE_DIR");
        return value == null || value.isBlank() ? null : Path.of(value.trim()).toAbsolutePath();
    }

    /** As {@link #number} but 0 is allowed (it turns the step off). */
    private static double nonNegative(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        if (value != null && !value.isBlank() && value.trim().matches("0+(\\.0*)?")) {
            return 0;
        }
        try {
            return number(env, name, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be 0 or a positive number, was '" + value + "'");
        }
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive number, was '" + value + "'");
        }
    }

    public boolean wants(String group) {
        return scenarios.contains(group);
    }

    /** Whether any scenario goes through the gateway (cache hits, paid misses, replays). */
    public boolean wantsGateway() {
        return wants("cache") || wants("paid") || wants("replay");
    }

    public boolean needsServices() {
        return scenarios.stream().anyMatch(g -> !g.equals("baseline"));
    }

    /** A fixed-rate run at {@code rate}. */
    public LoadSpec fixed(String name, double atRate) {
        return LoadSpec.of(name, atRate, warmup, duration, connections);
    }

    /** One step of a search. */
    public LoadSpec step(String name, double atRate) {
        return LoadSpec.of(name, atRate, stepWarmup, stepDuration, connections);
    }

    public SearchPolicy searchFrom(double startRate) {
        double start = profile.equals("quick") ? Math.min(startRate, rate) : startRate;
        return new SearchPolicy(start, searchFactor, searchSteps, p99BoundMs, 0.95, 0.01, refineSteps);
    }

    public List<String> describe() {
        List<String> described = new ArrayList<>(List.of(
                String.format(Locale.ROOT, "fixed-rate points %.0f/s (debits %.0f/s), %d s warm-up + %d s measured",
                        rate, debitRate, warmup.toSeconds(), duration.toSeconds()),
                String.format(Locale.ROOT, "search steps %d s warm-up + %d s measured, ×%.1f per step, up to %d steps",
                        stepWarmup.toSeconds(), stepDuration.toSeconds(), searchFactor, searchSteps),
                jitWarmup.isZero() ? "no JIT warm-up of the services"
                        : String.format(Locale.ROOT, "JIT warm-up of the services %d s ramped up to %.0f/s, longer while "
                                + "the compilers are busy (not reported)",
                                jitWarmup.toSeconds(), JIT_WARMUP_RATE),
                "up to " + connections + " keep-alive connections per target",
                String.format(Locale.ROOT, "p99 bound %.0f ms", p99BoundMs),
                "scenario groups " + GROUPS.stream().filter(scenarios::contains).collect(Collectors.joining(", "))));
        if (traceDir != null) {
            described.add("every measured request traced in " + traceDir);
        }
        return List.copyOf(described);
    }
}

package dev.socialcrawl.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theFullProfileRunsEveryScenarioAtTheIssuesRates() {
        Settings s = Settings.fromEnvironment(Map.of());

        assertEquals("full", s.profile());
        assertEquals(1000, s.rate());
        assertEquals(3000, s.debitRate());
        assertEquals(Duration.ofSeconds(20), s.duration());
        assertEquals(Set.copyOf(Settings.GROUPS), s.scenarios());
        assertTrue(s.needsServices());
        assertEquals(Duration.ofSeconds(90), s.jitWarmup());
        assertTrue(s.describe().contains("JIT warm-up of the services 90 s ramped up to 800/s, longer while the compilers are busy (not reported)"), s.describe().toString());
    }

    @Test
    void requestTracesAreWrittenOnlyWhereTheTraceDirectoryIsSet() {
        Settings none = Settings.fromEnvironment(Map.of("BENCH_TRACE_DIR", " "));
        assertEquals(null, none.traceDir());
        assertTrue(none.describe().stream().noneMatch(d -> d.contains("traced")), none.describe().toString());

        Settings traced = Settings.fromEnvironment(Map.of("BENCH_TRACE_DIR", "/tmp/bench-traces"));
        assertEquals(java.nio.file.Path.of("/tmp/bench-traces"), traced.traceDir());
        assertTrue(traced.describe().contains("every measured request traced in /tmp/bench-traces"),
                traced.describe().toString());
    }

    @Test
    void theJitWarmUpIsShortInTheQuickProfileCanBeSetOrTurnedOffButNotNegative() {
        assertEquals(Duration.ofSeconds(3), Settings.fromEnvironment(Map.of("BENCH_PROFILE", "quick")).jitWarmup());
        assertEquals(Duration.ofSeconds(12),
                Settings.fromEnvironment(Map.of("BENCH_PROFILE", "quick", "BENCH_JIT_WARMUP_S", " 12 ")).jitWarmup());
        Settings off = Settings.fromEnvironment(Map.of("BENCH_JIT_WARMUP_S", "0"));
        assertEquals(Duration.ZERO, off.jitWarmup());
        assertTrue(off.describe().contains("no JIT warm-up of the services"));
        assertEquals(Duration.ZERO, Settings.fromEnvironment(Map.of("BENCH_JIT_WARMUP_S", "0.0")).jitWarmup());
        assertEquals(Duration.ofSeconds(90), Settings.fromEnvironment(Map.of("BENCH_JIT_WARMUP_S", "")).jitWarmup());

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("BENCH_JIT_WARMUP_S", "-5")));
        assertEquals("BENCH_JIT_WARMUP_S must be 0 or a positive number, was '-5'", negative.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("BENCH_JIT_WARMUP_S", "thirty")));
    }

    @Test
    void onlyScenariosThroughTheGatewayWantTheGateway() {
        assertFalse(Settings.fromEnvironment(Map.of("BENCH_SCENARIOS", "baseline,billing")).wantsGateway());
        assertTrue(Settings.fromEnvironment(Map.of("BENCH_SCENARIOS", "replay")).wantsGateway());
    }

    @Test
    void onlyTheBaselinesNeedNoServicesAndKnobsOverrideTheProfile() {
        Settings s = Settings.fromEnvironment(Map.of("BENCH_PROFILE", "quick", "BENCH_SCENARIOS", "baseline",
                "BENCH_RATE", "50"));

        assertEquals("quick", s.profile());
        assertEquals(50, s.rate());
        assertFalse(s.needsServices());
        assertEquals(50, s.searchFrom(2000).startRate(), "a quick search starts at the fixed rate");
    }

    @Test
    void anUnknownScenarioGroupOrABadNumberIsRefusedWithItsName() {
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("BENCH_SCENARIOS", "cache,cahce")));
        assertEquals("BENCH_SCENARIOS: unknown scenario group 'cahce'; known: baseline, cache, paid, replay, billing",
                group.getMessage());

        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("BENCH_RATE", "-3")));
        assertEquals("BENCH_RATE must be a positive number, was '-3'", rate.getMessage());
    }
}

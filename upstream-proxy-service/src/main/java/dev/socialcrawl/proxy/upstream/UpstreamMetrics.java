package dev.socialcrawl.proxy.upstream;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The proxy's Prometheus series (names fixed, dashboards use them): {@code upstream_request_duration_seconds},
 * {@code upstream_requests_total{platform,outcome}}, {@code upstream_circuit_state{platform,state}} (one series per
 * state, {@code closed}/{@code open}/{@code half_open}: 1 for the current one, 0 for the others) and
 * {@code upstream_bulkhead_rejections_total{platform}}.
 */
@Startup
@ApplicationScoped
public class UpstreamMetrics {
    /** The {@code outcome} label values. */
    public enum Outcome {
        SUCCESS, NOT_FOUND, EMPTY, UPSTREAM_ERROR, TIMEOUT, CIRCUIT_OPEN, BULKHEAD_FULL, INTERNAL_ERROR;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60) };

    /** One platform's meters, registered once so that recording is no registry lookup. */
    private record Meters(Timer latency, Counter[] outcomes, Counter rejections) {
    }

    private final MeterRegistry registry;
    private final Map<String, Meters> meters;

    public UpstreamMetrics(MeterRegistry registry, BreakerRegistry breakers) {
        this.registry = registry;
        Map<String, Meters> built = new HashMap<>();
        for (String platform : breakers.platforms()) {
            for (BreakerState state : BreakerState.values()) {
                Gauge.builder("upstream.circuit.state", breakers,
                        b -> b.snapshot().get(platform).state() == state ? 1 : 0)
                        .tag("platform", platform)
                        .tag("state", state.wireName())
                        .description("1 for the state the platform's circuit breaker is in, 0 for the others")
                        .register(registry);
            }
            built.put(platform, register(platform));
        }
        this.meters = Map.copyOf(built);
    }

    public void recordLatency(String platform, long nanos) {
        meters(platform).latency().record(nanos, TimeUnit.NANOSECONDS);
    }

    public void recordOutcome(String platform, Outcome outcome) {
        Meters m = meters(platform);
        m.outcomes()[outcome.ordinal()].increment();
        if (outcome == Outcome.BULKHEAD_FULL) {
            m.rejections().increment();
        }
    }

    private Meters meters(String platform) {
        Meters m = meters.get(platform);
        return m != null ? m : register(platform);
    }

    private Meters register(String platform) {
        Counter[] outcomes = new Counter[Outcome.values().length];
        for (Outcome outcome : Outcome.values()) {
            outcomes[outcome.ordinal()] = counter(platform, outcome);
        }
        return new Meters(timer(platform), outcomes, rejections(platform));
    }

    private Timer timer(String platform) {
        return Timer.builder("upstream.request.duration")
                .description("Time to an upstream answer, per platform")
                .tag("platform", platform)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Counter counter(String platform, Outcome outcome) {
        return Counter.builder("upstream.requests")
                .description("Upstream requests by outcome")
                .tag("platform", platform)
                .tag("outcome", outcome.label())
                .register(registry);
    }

    private Counter rejections(String platform) {
        return Counter.builder("upstream.bulkhead.rejections")
                .description("Calls shed because the platform's bulkhead was full")
                .tag("platform", platform)
                .register(registry);
    }
}

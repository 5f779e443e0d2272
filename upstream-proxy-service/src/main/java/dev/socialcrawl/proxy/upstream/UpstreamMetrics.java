package dev.socialcrawl.proxy.upstream;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The proxy's Prometheus series (names fixed, dashboards use them): {@code upstream_request_duration_seconds},
 * {@code upstream_requests_total{platform,outcome}}, {@code upstream_circuit_state{platform}} (0 closed, 1 open,
 * 2 half-open) and {@code upstream_bulkhead_rejections_total{platform}}.
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

    private final MeterRegistry registry;

    public UpstreamMetrics(MeterRegistry registry, BreakerRegistry breakers) {
        this.registry = registry;
        for (String platform : breakers.platforms()) {
            Gauge.builder("upstream.circuit.state", breakers,
                    b -> b.snapshot().get(platform).state().gaugeValue())
                    .tag("platform", platform)
                    .description("Circuit breaker state: 0 closed, 1 open, 2 half-open")
                    .register(registry);
            for (Outcome outcome : Outcome.values()) {
                counter(platform, outcome);
            }
            rejections(platform);
            timer(platform);
        }
    }

    public void recordLatency(String platform, long nanos) {
        timer(platform).record(Duration.ofNanos(nanos));
    }

    public void recordOutcome(String platform, Outcome outcome) {
        counter(platform, outcome).increment();
        if (outcome == Outcome.BULKHEAD_FULL) {
            rejections(platform).increment();
        }
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

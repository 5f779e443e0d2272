package dev.socialcrawl.gateway.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The gateway's Prometheus series; the names are fixed because dashboards and alerts use them. */
@Singleton
public class GatewayMetrics {
    private final MeterRegistry registry;
    private final Counter debited;
    private final Counter refunded;
    private final Counter replays;
    private final AtomicLong outboxPending = new AtomicLong();
    private final Map<RequestSeries, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> staleServed = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.debited = Counter.builder("gateway.credits.debited").description("Credits debited").register(registry);
        this.refunded = Counter.builder("gateway.credits.refunded").description("Credits refunded").register(registry);
        this.replays = Counter.builder("gateway.idempotent.replays").description("Idempotent replays answered")
                .register(registry);
        Gauge.builder("gateway.billing.outbox.pending", outboxPending, AtomicLong::get)
                .description("Refunds and settlements waiting for billing").register(registry);
    }

    /** {@code cache} is hit, miss, stale or none. */
    public void request(String platform, String endpoint, int status, String cache, Duration elapsed) {
        request(platform, endpoint, status, cache, elapsed.toNanos());
    }

    public void request(String platform, String endpoint, int status, String cache, long elapsedNanos) {
        requests.computeIfAbsent(new RequestSeries(platform, endpoint, status, cache), this::requestCounter)
                .increment();
        durations.computeIfAbsent(platform, this::durationTimer).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /** The tags of one {@code gateway_requests_total} series; its counter is built once, then reused. */
    private record RequestSeries(String platform, String endpoint, int status, String cache) {
    }

    private Counter requestCounter(RequestSeries series) {
        return Counter.builder("gateway.requests")
                .tag("platform", series.platform()).tag("endpoint", series.endpoint())
                .tag("status", Integer.toString(series.status())).tag("cache", series.cache())
                .register(registry);
    }

    private Timer durationTimer(String platform) {
        return Timer.builder("gateway.request.duration")
                .tag("platform", platform)
                .publishPercentileHistogram()
                .register(registry);
    }

    public void debited(long credits) {
        debited.increment(credits);
    }

    public void refunded(long credits) {
        refunded.increment(credits);
    }

    /** A request answered with stale data when its live fetch failed ({@code gateway_stale_served_total}). */
    public void staleServed(String platform) {
        staleServed.computeIfAbsent(platform, p -> Counter.builder("gateway.stale.served").tag("platform", p)
                .description("Requests answered from an expired cache entry because the live fetch failed")
                .register(registry)).increment();
    }

    public void replayed() {
        replays.increment();
    }

    /** Entries that wait in one replica's memory because Redis did not take them (normally 0). */
    public void outboxInProcess(IntSupplier waiting) {
        Gauge.builder("gateway.billing.outbox.in.process", waiting, IntSupplier::getAsInt)
                .description("Refunds and settlements kept in this replica because Redis did not take them")
                .register(registry);
    }

    public void outboxPending(long pending) {
        outboxPending.set(pending);
    }
}

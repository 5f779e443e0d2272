package dev.socialcrawl.billing.metrics;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The billing meters; their Prometheus names are fixed (dashboards use them). */
@ApplicationScoped
public class BillingMetrics {
    public enum RefundSource {
        GATEWAY, SWEEPER
    }

    private final Counter creditsDebited;
    private final Counter creditsRefunded;
    private final Counter gatewayRefunds;
    private final Counter sweeperRefunds;
    private final AtomicLong unsettledDebits = new AtomicLong();
    private final AtomicLong integrityViolations = new AtomicLong();

    public BillingMetrics(MeterRegistry registry) {
        creditsDebited = Counter.builder("billing.credits.debited").description("Credits debited (first debits only)")
                .register(registry);
        creditsRefunded = Counter.builder("billing.credits.refunded").description("Credits refunded")
                .register(registry);
        gatewayRefunds = Counter.builder("billing.refunds").tag("source", "gateway")
                .description("Refund entries written").register(registry);
        sweeperRefunds = Counter.builder("billing.refunds").tag("source", "sweeper")
                .description("Refund entries written").register(registry);
        Gauge.builder("billing.unsettled.debits", unsettledDebits, AtomicLong::get)
                .description("Debits neither settled nor refunded (as of the last sweeper run)").register(registry);
        Gauge.builder("billing.ledger.integrity.violations", integrityViolations, AtomicLong::get)
                .description("Violations found by the last integrity check").register(registry);
    }

    public void debited(long credits) {
        creditsDebited.increment(credits);
    }

    public void refunded(long credits, RefundSource source) {
        creditsRefunded.increment(credits);
        (source == RefundSource.SWEEPER ? sweeperRefunds : gatewayRefunds).increment();
    }

    public void unsettledDebits(long count) {
        unsettledDebits.set(count);
    }

    public void integrityViolations(long count) {
        integrityViolations.set(count);
    }
}

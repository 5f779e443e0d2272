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
    private final AtomicLong accountsBelowThreshold = new AtomicLong();
    private final AtomicLong activityStreamLength = new AtomicLong();
    private final Counter activityStored;
    private final MeterRegistry registry;

    public BillingMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        Gauge.builder("billing.accounts.below.threshold", accountsBelowThreshold, AtomicLong::get)
                .description("Accounts whose balance is below billing.low-balance.threshold (as of the last count)")
                .register(registry);
        activityStored = Counter.builder("billing.activity.stored")
                .description("Activity records written to the activity log (a redelivered record is not counted again)")
                .register(registry);
        Gauge.builder("billing.activity.stream.length", activityStreamLength, AtomicLong::get)
                .description("Entries in the gateway's activity stream (XLEN) as of this replica's last drain")
                .register(registry);
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

    public void accountsBelowThreshold(long count) {
        accountsBelowThreshold.set(count);
    }

    public void activityStored(long records) {
        activityStored.increment(records);
    }

    /** Records that can never be stored: {@code reason} malformed, expired (older than the retention) or future. */
    public void activityDiscarded(String reason, long records) {
        Counter.builder("billing.activity.discarded").tag("reason", reason)
                .description("Activity records billing could not store and dropped").register(registry).increment(records);
    }

    public void activityStreamLength(long entries) {
        activityStreamLength.set(entries);
    }
}

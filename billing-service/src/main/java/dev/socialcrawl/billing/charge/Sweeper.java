package dev.socialcrawl.billing.charge;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.metrics.BillingMetrics;

/**
 * Refunds debits the gateway neither settled nor refunded within {@code billing.sweeper.unsettled-after}, so a
 * gateway that dies mid-request never strands credits. Safe on several replicas: each refund is its own
 * transaction on a row picked with SKIP LOCKED, and the constraints make a second refund impossible.
 */
@ApplicationScoped
public class Sweeper {
    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final ChargeService charges;
    private final BillingMetrics metrics;
    private final Duration unsettledAfter;
    private final int maxPerRun;

    public Sweeper(ChargeService charges, BillingMetrics metrics, BillingConfig config) {
        this.charges = charges;
        this.metrics = metrics;
        this.unsettledAfter = config.sweeper().unsettledAfter();
        this.maxPerRun = config.sweeper().maxPerRun();
    }

    @Scheduled(identity = "billing-sweeper", every = "${billing.sweeper.interval:10s}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void run() {
        try {
            int refunded = sweep();
            if (refunded > 0) {
                LOG.infof("Sweeper refunded %d unsettled debits older than %s", refunded, unsettledAfter);
            }
            metrics.unsettledDebits(charges.unsettledCount());
        } catch (RuntimeException e) {
            LOG.error("Sweeper run failed; the next run retries", e);
        }
    }

    /** @return how many debits this run refunded */
    public int sweep() {
        int refunded = 0;
        while (refunded < maxPerRun && charges.sweepOne(unsettledAfter).isPresent()) {
            refunded++;
        }
        return refunded;
    }
}

package dev.socialcrawl.billing.charge;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.metrics.BillingMetrics;

/**
 * Refunds debits the gateway neither settled nor refunded within {@code billing.sweeper.unsettled-after} of billing's
 * uptime, so a gateway that dies mid-request never strands credits, while a billing outage does not count against the
 * settlements waiting for billing in the gateway's outbox. Safe on several replicas: each refund is its own
 * transaction on a row picked with SKIP LOCKED, and the pending row it deletes is claimed once.
 */
@ApplicationScoped
public class Sweeper {
    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final ChargeService charges;
    private final Uptime uptime;
    private final BillingMetrics metrics;
    private final Duration unsettledAfter;
    private final Duration interval;
    private final int maxPerRun;

    public Sweeper(ChargeService charges, Uptime uptime, BillingMetrics metrics, BillingConfig config) {
        this.charges = charges;
        this.uptime = uptime;
        this.metrics = metrics;
        this.unsettledAfter = config.sweeper().unsettledAfter();
        this.interval = config.sweeper().interval();
        this.maxPerRun = config.sweeper().maxPerRun();
    }

    @Scheduled(identity = "billing-sweeper", every = "${billing.sweeper.interval:10s}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void run() {
        try {
            int refunded = sweep();
            if (refunded > 0) {
                LOG.infof("Sweeper refunded %d debits unsettled for %s of uptime", refunded, unsettledAfter);
            }
            metrics.unsettledDebits(charges.unsettledCount());
        } catch (RuntimeException e) {
            LOG.error("Sweeper run failed; the next run retries", e);
        }
    }

    /** One round: records that billing is up, then refunds what is due. @return how many debits it refunded */
    public int sweep() {
        uptime.advance(interval);
        int refunded = 0;
        for (int i = 0; i < maxPerRun; i++) {
            Optional<ChargeService.Refund> swept = charges.sweepOne(unsettledAfter);
            if (swept.isEmpty()) {
                break;
            }
            if (swept.get().outcome() == RefundOutcome.REFUNDED) {
                refunded++;
            }
        }
        return refunded;
    }
}

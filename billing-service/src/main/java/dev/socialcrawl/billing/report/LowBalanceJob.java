package dev.socialcrawl.billing.report;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import dev.socialcrawl.billing.config.BillingConfig;

/** Keeps the {@code billing_accounts_below_threshold} gauge current: counted periodically, never per scrape. */
@ApplicationScoped
public class LowBalanceJob {
    private static final Logger LOG = Logger.getLogger(LowBalanceJob.class);

    private final LowBalanceService lowBalance;
    private final long threshold;

    public LowBalanceJob(LowBalanceService lowBalance, BillingConfig config) {
        this.lowBalance = lowBalance;
        this.threshold = config.lowBalance().threshold();
    }

    @Scheduled(identity = "billing-low-balance", every = "${billing.low-balance.interval:1m}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void run() {
        try {
            lowBalance.refreshGauge(threshold);
        } catch (RuntimeException e) {
            LOG.error("Counting the accounts below the low-balance threshold failed; the next run retries", e);
        }
    }
}

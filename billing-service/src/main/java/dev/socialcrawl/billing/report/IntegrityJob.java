package dev.socialcrawl.billing.report;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/** Keeps the {@code billing_ledger_integrity_violations} gauge current between explicit checks. */
@ApplicationScoped
public class IntegrityJob {
    private static final Logger LOG = Logger.getLogger(IntegrityJob.class);

    private final IntegrityService integrity;

    public IntegrityJob(IntegrityService integrity) {
        this.integrity = integrity;
    }

    @Scheduled(identity = "billing-integrity", every = "${billing.integrity.interval:1h}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void run() {
        try {
            IntegrityReport report = integrity.check();
            if (report.violations() > 0) {
                LOG.errorf("Ledger integrity check found %d violations: %s", report.violations(), report.details());
            }
        } catch (RuntimeException e) {
            LOG.error("Ledger integrity check could not run; the next run retries", e);
        }
    }
}

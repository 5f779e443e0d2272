package dev.socialcrawl.billing.dashboard.session;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/** Deletes sessions that can no longer be used and failure counters of ended windows, so neither table grows. */
@ApplicationScoped
public class SessionCleanupJob {
    private static final Logger LOG = Logger.getLogger(SessionCleanupJob.class);

    private final SessionStore sessions;
    private final SignInLimiter limiter;
    private final Clock clock;

    public SessionCleanupJob(SessionStore sessions, SignInLimiter limiter, Clock clock) {
        this.sessions = sessions;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Scheduled(identity = "dashboard-session-cleanup", every = "${billing.dashboard.cleanup-interval:10m}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void run() {
        try {
            int ended = sessions.deleteEnded(clock.instant());
            int windows = limiter.deleteEnded(clock.instant());
            LOG.debugf("Deleted %d ended dashboard sessions and %d ended sign-in failure windows", ended, windows);
        } catch (RuntimeException e) {
            LOG.error("Deleting ended dashboard sessions failed; the next run retries", e);
        }
    }
}

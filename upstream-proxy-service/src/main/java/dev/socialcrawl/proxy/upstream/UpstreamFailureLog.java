package dev.socialcrawl.proxy.upstream;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.socialcrawl.catalog.Endpoint;

/**
 * One WARN line per failed upstream call. Its fields {@code platform}, {@code endpoint}, {@code kind} and
 * {@code duration_ms} are MDC entries for the duration of the call to the logger, so the prod JSON log carries them
 * as structured fields (next to {@code request_id}), and the message repeats them for the dev text log.
 */
final class UpstreamFailureLog {
    /** The {@code kind} field. */
    enum Kind {
        TIMEOUT, SERVER_ERROR, OTHER_STATUS, CONNECTION_FAILURE, UNREADABLE_BODY, TRAILING_BYTES, TOO_LARGE,
        CIRCUIT_OPEN;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(UpstreamFailure.Kind failure) {
            return switch (failure) {
                case SERVER_ERROR -> SERVER_ERROR;
                case UNREADABLE_BODY -> UNREADABLE_BODY;
                case TRAILING_BYTES -> TRAILING_BYTES;
                case TOO_LARGE -> TOO_LARGE;
            };
        }
    }

    static final String PLATFORM = "platform";
    static final String ENDPOINT = "endpoint";
    static final String KIND = "kind";
    static final String DURATION_MS = "duration_ms";
    private static final Logger LOG = Logger.getLogger(UpstreamFailureLog.class);

    private UpstreamFailureLog() {
    }

    /** @param detail what the upstream did, for people (a status, an exception's text); never a secret */
    static void failed(Endpoint endpoint, Kind kind, long startNanos, String detail) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        MDC.put(PLATFORM, endpoint.platform());
        MDC.put(ENDPOINT, endpoint.path());
        MDC.put(KIND, kind.label());
        MDC.put(DURATION_MS, Long.toString(millis));
        try {
            LOG.warnf("Upstream call failed: platform=%s endpoint=%s kind=%s duration_ms=%d (%s)", endpoint.platform(),
                    endpoint.path(), kind.label(), millis, detail);
        } finally {
            MDC.remove(PLATFORM);
            MDC.remove(ENDPOINT);
            MDC.remove(KIND);
            MDC.remove(DURATION_MS);
        }
    }
}

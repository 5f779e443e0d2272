package dev.socialcrawl.gateway.pipeline;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.socialcrawl.gateway.wire.Answer;
import dev.socialcrawl.gateway.wire.Envelopes;

/**
 * The opt-in access log ({@code gateway.access-log.enabled}, env {@code GATEWAY_ACCESS_LOG_ENABLED}): one line per
 * public request whose fields — {@code request_id}, {@code account_id} (once the key is known), {@code status},
 * {@code credits}, {@code cache}, {@code latency_ms} — are MDC entries, so the prod JSON log carries them as fields
 * (docs/operations.md, "Logs").
 */
@Singleton
public class AccessLog {
    private static final Logger LOG = Logger.getLogger("dev.socialcrawl.gateway.access");

    private final boolean enabled;

    public AccessLog(@ConfigProperty(name = "gateway.access-log.enabled", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    void log(String method, String path, Answer answer, long latencyMillis) {
        if (!enabled) {
            return;
        }
        String credits = answer.header(Envelopes.CREDITS_USED);
        String cache = answer.cacheLabel();
        MDC.put("status", Integer.toString(answer.status()));
        MDC.put("credits", credits == null ? "0" : credits);
        MDC.put("cache", cache);
        MDC.put("latency_ms", Long.toString(latencyMillis));
        try {
            LOG.infof("%s %s %d credits=%s cache=%s %d ms", method, path, answer.status(),
                    credits == null ? "0" : credits, cache, latencyMillis);
        } finally {
            MDC.remove("status");
            MDC.remove("credits");
            MDC.remove("cache");
            MDC.remove("latency_ms");
        }
    }
}

package dev.socialcrawl.proxy.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.socialcrawl.proxy.upstream.BreakerRegistry;
import dev.socialcrawl.proxy.upstream.BreakerSnapshot;

/** The breaker view of this replica, in the shape of docs/internal-api.md (status route and Redis value alike). */
@ApplicationScoped
public class BreakerStatusView {
    private final BreakerRegistry breakers;
    private final ReplicaIdentity replica;
    private final ObjectMapper mapper;

    public BreakerStatusView(BreakerRegistry breakers, ReplicaIdentity replica, ObjectMapper mapper) {
        this.breakers = breakers;
        this.replica = replica;
        this.mapper = mapper;
    }

    /** {@link #current()} as the JSON bytes of {@code GET /proxy/status}. */
    public byte[] currentJson() {
        try {
            return mapper.writeValueAsBytes(current());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the breaker view", e);
        }
    }

    /** {@code {"replica": …, "platforms": {"tiktok": {"state": "closed"}, …}}}. */
    public Map<String, Object> current() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replica", replica.id());
        body.put("platforms", platforms());
        return body;
    }

    /** As {@link #current()} plus {@code updated_at}, for the Redis key. */
    public Map<String, Object> published() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replica", replica.id());
        body.put("updated_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("platforms", platforms());
        return body;
    }

    private Map<String, Object> platforms() {
        Map<String, Object> platforms = new LinkedHashMap<>();
        for (BreakerSnapshot s : breakers.snapshot().values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("state", s.state().wireName());
            if (s.retryAfterSeconds() != null) {
                entry.put("retry_after_seconds", s.retryAfterSeconds());
            }
            platforms.put(s.platform(), entry);
        }
        return platforms;
    }
}

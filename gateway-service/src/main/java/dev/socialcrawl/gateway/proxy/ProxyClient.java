package dev.socialcrawl.gateway.proxy;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;

/** Calls the proxy and turns every possible answer, or the lack of one, into a {@link ProxyOutcome}. */
@ApplicationScoped
public class ProxyClient {
    private static final Logger LOG = Logger.getLogger(ProxyClient.class);
    static final String UPSTREAM_EMPTY = "X-Upstream-Empty";
    static final String DEFAULT_RETRY_AFTER = "30";

    private final ProxyApi api;
    private final ObjectMapper mapper;

    public ProxyClient(@RestClient ProxyApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    public Uni<ProxyOutcome> fetch(Endpoint endpoint, Map<String, String> params, String requestId) {
        return api.fetch(endpoint.platform(), endpoint.resource(), params, requestId)
                .map(this::outcome)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("The proxy could not be reached for %s: %s", endpoint.path(), String.valueOf(e));
                    return ProxyOutcome.failure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(),
                            false, null);
                });
    }

    private ProxyOutcome outcome(Response r) {
        try (r) {
            String body = r.hasEntity() ? r.readEntity(String.class) : "";
            if (r.getStatus() == 200) {
                return jsonOrError(body);
            }
            ErrorEnvelope envelope = envelope(body);
            ErrorCode code = envelope == null ? null : envelope.code();
            if (code == null) {
                LOG.errorf("The proxy answered %d without a known error envelope", r.getStatus());
                return ProxyOutcome.failure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(), false,
                        null);
            }
            boolean empty = "true".equalsIgnoreCase(r.getHeaderString(UPSTREAM_EMPTY));
            String retryAfter = code == ErrorCode.SERVICE_UNAVAILABLE ? retryAfter(r) : null;
            String message = code == ErrorCode.INTERNAL_ERROR ? code.defaultMessage() : envelope.error().message();
            return ProxyOutcome.failure(code, message, empty, retryAfter);
        }
    }

    private ProxyOutcome jsonOrError(String body) {
        try {
            if (mapper.readTree(body).isMissingNode()) {
                throw new IllegalArgumentException("empty body");
            }
            return ProxyOutcome.success(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.errorf("The proxy answered 200 with a body that is not JSON");
            return ProxyOutcome.failure(ErrorCode.UPSTREAM_ERROR, ErrorCode.UPSTREAM_ERROR.defaultMessage(), false,
                    null);
        }
    }

    private ErrorEnvelope envelope(String body) {
        try {
            return body.isEmpty() ? null : mapper.readValue(body, ErrorEnvelope.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String retryAfter(Response r) {
        String value = r.getHeaderString("Retry-After");
        if (value != null && value.matches("\\d{1,6}") && Long.parseLong(value) >= 1) {
            return value;
        }
        return DEFAULT_RETRY_AFTER;
    }
}

package dev.socialcrawl.proxy.rest;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.errors.rest.ErrorResponses;
import dev.socialcrawl.proxy.upstream.ProxyOutcome;

/**
 * The only place a {@code /proxy/…} answer becomes HTTP: status, headers, and the body (the data bytes as they are,
 * or the common-errors {@link ErrorEnvelope} with the configured {@code doc_url} base and the request's id).
 * {@code X-Request-Id} is already on the response (common-errors' request id route).
 */
@Singleton
public class ProxyResponseWriter {
    private static final Logger LOG = Logger.getLogger(ProxyResponseWriter.class);
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private final ObjectMapper mapper;
    private final String docBaseUrl;

    public ProxyResponseWriter(ObjectMapper mapper, ErrorResponses errors) {
        this.mapper = mapper;
        this.docBaseUrl = errors.docBaseUrl();
    }

    /**
     * Writes the answer. A client that has gone finds its response closed: the answer is dropped here, after all the
     * work behind it (upstream call, breaker, bulkhead, metrics) has completed as for a client that stayed.
     */
    public void write(RoutingContext rc, ProxyOutcome outcome) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            LOG.debugf("The client left before its %d answer was written", outcome.status());
            return;
        }
        byte[] body;
        try {
            body = body(outcome, rc.get(RequestIds.MDC_KEY));
        } catch (JsonProcessingException e) {
            LOG.error("Cannot write the answer", e);
            response.setStatusCode(500).end();
            return;
        }
        response.setStatusCode(outcome.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        if (outcome instanceof ProxyOutcome.Failure failure) {
            failure.headers().forEach(response::putHeader);
        }
        response.end(Buffer.buffer(body));
    }

    private byte[] body(ProxyOutcome outcome, String requestId) throws JsonProcessingException {
        if (outcome instanceof ProxyOutcome.Data data) {
            return data.body();
        }
        ProxyOutcome.Failure failure = (ProxyOutcome.Failure) outcome;
        return mapper.writeValueAsBytes(
                ErrorEnvelope.of(failure.code(), failure.message(), null, requestId, docBaseUrl));
    }
}

package dev.socialcrawl.proxy.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.errors.rest.ErrorResponses;
import dev.socialcrawl.proxy.upstream.ProxyOutcome;
import dev.socialcrawl.proxy.upstream.ProxyService;

/**
 * {@code GET /proxy/{platform}/{resource}} of a catalogue endpoint, served on a Vert.x route ahead of the REST layer
 * with the same {@link ProxyService} call and the same bytes, status and headers as {@link ProxyResource}: the REST
 * layer's per-request work (routing, parameter injection, response writers) was a fifth of the proxy's CPU. Any
 * other request (the status, paths outside the catalogue, a path that needs decoding) goes on to the REST layer.
 */
@Singleton
public class ProxyRoute {
    private static final Logger LOG = Logger.getLogger(ProxyRoute.class);
    /** Ahead of the REST layer (Quarkus' default route order), after the request id route. */
    static final int ORDER = 1_000;
    /** The template the REST layer reports for these paths in {@code http_server_requests_seconds{uri}}. */
    static final String URI_TEMPLATE = "/proxy/{platform}/{resource: .+}";
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final String PREFIX = "/proxy/";
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private final Catalog catalog;
    private final ProxyService service;
    private final ObjectMapper mapper;
    private final String docBaseUrl;

    public ProxyRoute(Catalog catalog, ProxyService service, ObjectMapper mapper, ErrorResponses errors) {
        this.catalog = catalog;
        this.service = service;
        this.mapper = mapper;
        this.docBaseUrl = errors.docBaseUrl();
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        Optional<Endpoint> endpoint = rc.request().method() == HttpMethod.GET ? endpoint(rc.request().path())
                : Optional.empty();
        if (endpoint.isEmpty()) {
            rc.next();
            return;
        }
        String requestId = rc.get(RequestIds.MDC_KEY);
        ((HttpServerRequestInternal) rc.request()).context().putLocal(URL_PATH_TEMPLATE, URI_TEMPLATE);
        try {
            service.fetch(endpoint.get(), params(rc.request().query()), requestId).subscribe().with(
                    outcome -> answer(rc, outcome, requestId),
                    failure -> unexpected(rc, failure, requestId));
        } catch (RuntimeException e) {
            unexpected(rc, e, requestId);
        }
    }

    /** The catalogue endpoint of a path made only of the characters catalogue paths use, else empty. */
    private Optional<Endpoint> endpoint(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int slash = path.indexOf('/', PREFIX.length());
        if (slash < 0 || !plain(path, PREFIX.length())) {
            return Optional.empty();
        }
        return catalog.find(path.substring(PREFIX.length(), slash), path.substring(slash + 1));
    }

    private static boolean plain(String path, int from) {
        for (int i = from; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** The decoded query parameters in the order the request gave them. */
    private static List<Map.Entry<String, String>> params(String query) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        new QueryStringDecoder(query, false).parameters()
                .forEach((name, values) -> values.forEach(v -> params.add(Map.entry(name, v))));
        return params;
    }

    private void answer(RoutingContext rc, ProxyOutcome outcome, String requestId) {
        if (outcome instanceof ProxyOutcome.Data data) {
            write(rc, 200, Map.of(), Buffer.buffer(data.body()));
            return;
        }
        ProxyOutcome.Failure failure = (ProxyOutcome.Failure) outcome;
        error(rc, failure.code(), failure.message(), failure.headers(), requestId);
    }

    private void unexpected(RoutingContext rc, Throwable failure, String requestId) {
        LOG.error("Unexpected error while serving the request", failure);
        error(rc, ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(), Map.of(), requestId);
    }

    private void error(RoutingContext rc, ErrorCode code, String message, Map<String, String> headers,
            String requestId) {
        try {
            byte[] body = mapper.writeValueAsBytes(ErrorEnvelope.of(code, message, null, requestId, docBaseUrl));
            write(rc, code.status(), headers, Buffer.buffer(body));
        } catch (JsonProcessingException e) {
            LOG.error("Cannot write an error envelope", e);
            rc.fail(e);
        }
    }

    private static void write(RoutingContext rc, int status, Map<String, String> headers, Buffer body) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        headers.forEach(response::putHeader);
        response.end(body);
    }
}

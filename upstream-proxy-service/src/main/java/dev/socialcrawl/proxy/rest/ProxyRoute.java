package dev.socialcrawl.proxy.rest;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.RequestValidator;
import dev.socialcrawl.catalog.ValidatedRequest;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.proxy.status.BreakerStatusView;
import dev.socialcrawl.proxy.upstream.ProxyOutcome;
import dev.socialcrawl.proxy.upstream.ProxyService;

/**
 * The one door of the proxy's API (docs/internal-api.md): every request under {@code /proxy} is read here once and
 * answered by {@link ProxyResponseWriter}, errors included. A Vert.x route ahead of the REST layer, because the REST
 * layer's per-request work (routing, parameter injection, response writers) was a fifth of the proxy's CPU; the
 * REST layer serves only the sandbox. Checks, in order: method (405), the service token (401), the path and query
 * decoding (400), the status view or the catalogue endpoint (404), the params against the catalogue with the
 * gateway's own {@link RequestValidator} (400), then {@link ProxyService}.
 */
@Singleton
public class ProxyRoute {
    private static final Logger LOG = Logger.getLogger(ProxyRoute.class);
    /**
     * Right after the request id route, ahead of every route with a path: matching a path normalises it, and a
     * malformed escape there would be answered by Vert.x with a bare 400 before this door could answer.
     */
    static final int ORDER = Integer.MIN_VALUE + 1;
    private static final String STATUS = "status";

    private final Catalog catalog;
    private final ProxyService service;
    private final BreakerStatusView status;
    private final ProxyResponseWriter writer;
    private final InternalToken token;
    private final RequestValidator validator;

    public ProxyRoute(Catalog catalog, ProxyService service, BreakerStatusView status, ProxyResponseWriter writer,
            InternalToken token, RequestValidator validator) {
        this.catalog = catalog;
        this.service = service;
        this.status = status;
        this.writer = writer;
        this.token = token;
        this.validator = validator;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        if (!ProxyRequest.isProxyPath(rc.request().path())) {
            rc.next();
            return;
        }
        // Never cancelled, also not when the client hangs up: the writer then finds the response closed.
        try {
            answer(rc).subscribe().with(outcome -> writer.write(rc, outcome), failure -> unexpected(rc, failure));
        } catch (RuntimeException e) {
            unexpected(rc, e);
        }
    }

    private Uni<ProxyOutcome> answer(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.method() != HttpMethod.GET) {
            return done(new ProxyOutcome.Failure(ErrorCode.METHOD_NOT_ALLOWED,
                    "Method not allowed. The proxy API answers GET only.", Map.of("Allow", "GET")));
        }
        if (!token.accepts(request.getHeader(InternalToken.HEADER))) {
            return done(new ProxyOutcome.Failure(ErrorCode.INVALID_API_KEY, "Missing or invalid internal service token."));
        }
        ProxyRequest decoded;
        try {
            decoded = ProxyRequest.decode(request.path(), request.query());
        } catch (IllegalArgumentException e) {
            return done(new ProxyOutcome.Failure(ErrorCode.INVALID_REQUEST, e.getMessage()));
        }
        if (STATUS.equals(decoded.path())) {
            return done(new ProxyOutcome.Data(status.currentJson()));
        }
        Optional<Endpoint> endpoint = endpoint(decoded.path());
        if (endpoint.isEmpty()) {
            return done(new ProxyOutcome.Failure(ErrorCode.ENDPOINT_NOT_FOUND,
                    "Unknown endpoint /v1/" + decoded.path() + "."));
        }
        ValidatedRequest validated;
        try {
            validated = validator.validate(endpoint.get(), decoded.query());
        } catch (ApiException e) {
            return done(new ProxyOutcome.Failure(e.code(), e.getMessage(), e.headers()));
        }
        return service.fetch(validated, rc.get(RequestIds.MDC_KEY));
    }

    /** The catalogue endpoint of a decoded {@code {platform}/{resource…}}, else empty. */
    private Optional<Endpoint> endpoint(String path) {
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            return Optional.empty();
        }
        return catalog.find(path.substring(0, slash), path.substring(slash + 1));
    }

    private void unexpected(RoutingContext rc, Throwable failure) {
        LOG.error("Unexpected error while serving the request", failure);
        writer.write(rc, new ProxyOutcome.Failure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage()));
    }

    private static Uni<ProxyOutcome> done(ProxyOutcome outcome) {
        return Uni.createFrom().item(outcome);
    }
}

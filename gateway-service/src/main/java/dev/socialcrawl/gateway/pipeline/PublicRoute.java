package dev.socialcrawl.gateway.pipeline;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.gateway.idempotency.IdempotencyStore;
import dev.socialcrawl.gateway.wire.AnswerWriter;
import dev.socialcrawl.gateway.wire.Envelopes;

/**
 * The gateway's one front door: every request on the public port (any method, any path; health and metrics live on
 * the management port) is read here once into a {@link PublicRequest}, answered by {@link PublicApi} and written by {@link AnswerWriter}.
 * The answer's work is never cancelled: a client that disconnects finds nothing written, but its request is served,
 * charged, settled, cached and stored for its Idempotency-Key exactly as if it had stayed
 * (docs/api.md#credits-and-refunds). Why a Vert.x route rather than the REST layer:
 * docs/decisions/001-one-front-door-on-a-vertx-route.md.
 */
@Singleton
public class PublicRoute {
    /**
     * After common-errors' request id route and ahead of Quarkus' own request-size check (order -2), which would answer
     * an oversized body without an envelope: the front door checks the limits itself ({@link HttpLimits}).
     */
    static final int ORDER = -3;
    private static final CharSequence API_KEY = HttpHeaders.createOptimized("x-api-key");
    private static final CharSequence IDEMPOTENCY_KEY = HttpHeaders.createOptimized(IdempotencyStore.HEADER);
    private static final Logger LOG = Logger.getLogger(PublicRoute.class);

    private final PublicApi api;
    private final AnswerWriter writer;
    private final Envelopes envelopes;
    private final HttpLimits limits;
    private final DashboardForwarder dashboard;

    public PublicRoute(PublicApi api, AnswerWriter writer, Envelopes envelopes, HttpLimits limits,
            DashboardForwarder dashboard) {
        this.api = api;
        this.writer = writer;
        this.envelopes = envelopes;
        this.limits = limits;
        this.dashboard = dashboard;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String requestId = rc.get(RequestIds.MDC_KEY);
        MultiMap headers = request.headers();
        String overLimit = limits.exceeded(request.method().name(), request.uri(), headerBytes(headers),
                headers.get(HttpHeaders.CONTENT_LENGTH));
        String path = overLimit == null ? normalizedPath(rc) : null;
        if (overLimit != null || path == null) {
            // Nothing more of such a request is read: the connection closes once the answer is out.
            writer.write(request, envelopes.error(ErrorCode.INVALID_REQUEST,
                    overLimit != null ? overLimit : PublicApi.BAD_PATH_MESSAGE, null, requestId)
                    .header("Connection", "close"));
            return;
        }
        if (DashboardForwarder.handles(path)) {
            dashboard.forward(request, requestId);
            return;
        }
        PublicRequest publicRequest = new PublicRequest(requestId, request.method() == HttpMethod.GET, path,
                request.query(), headers.get(API_KEY), headers.get(IDEMPOTENCY_KEY),
                headers.get(HttpHeaders.CACHE_CONTROL));
        api.answer(publicRequest).subscribe().with(
                answer -> writer.write(request, answer),
                failure -> {
                    LOG.error("Unexpected error while serving the request", failure);
                    writer.write(request, envelopes.error(ErrorCode.INTERNAL_ERROR,
                            ErrorCode.INTERNAL_ERROR.defaultMessage(), null, publicRequest.requestId()));
                });
    }

    /** The path with dot segments resolved and unreserved escapes decoded; {@code null} when it cannot be read. */
    private static String normalizedPath(RoutingContext rc) {
        try {
            String path = rc.normalizedPath();
            return path == null || path.isEmpty() || path.charAt(0) != '/' ? null : path;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (var header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }
}

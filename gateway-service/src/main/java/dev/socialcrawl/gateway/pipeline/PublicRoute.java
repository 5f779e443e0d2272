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
    /** After common-errors' request id route, ahead of anything else on the public router. */
    static final int ORDER = 1_000;
    private static final CharSequence API_KEY = HttpHeaders.createOptimized("x-api-key");
    private static final CharSequence IDEMPOTENCY_KEY = HttpHeaders.createOptimized(IdempotencyStore.HEADER);
    private static final Logger LOG = Logger.getLogger(PublicRoute.class);

    private final PublicApi api;
    private final AnswerWriter writer;
    private final Envelopes envelopes;

    public PublicRoute(PublicApi api, AnswerWriter writer, Envelopes envelopes) {
        this.api = api;
        this.writer = writer;
        this.envelopes = envelopes;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = rc.normalizedPath();
        MultiMap headers = request.headers();
        PublicRequest publicRequest = new PublicRequest(rc.get(RequestIds.MDC_KEY), request.method() == HttpMethod.GET,
                path, request.query(), headers.get(API_KEY), headers.get(IDEMPOTENCY_KEY),
                headers.get(HttpHeaders.CACHE_CONTROL));
        api.answer(publicRequest).subscribe().with(
                answer -> writer.write(rc.response(), answer),
                failure -> {
                    LOG.error("Unexpected error while serving the request", failure);
                    writer.write(rc.response(), envelopes.error(ErrorCode.INTERNAL_ERROR,
                            ErrorCode.INTERNAL_ERROR.defaultMessage(), null, publicRequest.requestId()));
                });
    }
}

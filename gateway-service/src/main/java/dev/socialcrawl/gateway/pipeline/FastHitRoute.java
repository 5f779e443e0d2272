package dev.socialcrawl.gateway.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.auth.KeyAuthenticator;
import dev.socialcrawl.gateway.catalog.RequestValidator;
import dev.socialcrawl.gateway.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.concurrency.ConcurrencyLimiter;
import dev.socialcrawl.gateway.idempotency.IdempotencyStore;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;

/**
 * The cache hit of a plain catalogue request, answered on a Vert.x route ahead of the REST layer: a key this
 * replica already trusts, params that need no decoding, no Idempotency-Key and no Cache-Control. It runs the same
 * checks and the same {@link HitOrLease} script as {@link CataloguePipeline} and writes the bytes
 * {@link Responses#cachedHit} would. Every other request, and every outcome but a hit with a known balance, goes
 * on to the REST path ({@link RoutingContext#next()}); an outcome the script already produced (a lease taken, a
 * 429, a revocation, a Redis failure) goes with it as a {@link Handover}, so the script never runs twice.
 */
@Singleton
public class FastHitRoute {
    /** Ahead of the REST layer (Quarkus' default route order), after the request id route. */
    static final int ORDER = 1_000;
    /** The template the REST layer reports for {@code /v1/…} in {@code http_server_requests_seconds{uri}}. */
    static final String URI_TEMPLATE = "/v1/{path}";
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final String ACCOUNT_MDC_KEY = "account_id";
    private static final CharSequence API_KEY = HttpHeaders.createOptimized("x-api-key");
    private static final CharSequence IDEMPOTENCY_KEY = HttpHeaders.createOptimized(IdempotencyStore.HEADER);
    private static final CharSequence CREDITS_USED = HttpHeaders.createOptimized(Responses.CREDITS_USED);
    private static final CharSequence CREDITS_REMAINING = HttpHeaders.createOptimized(Responses.CREDITS_REMAINING);
    private static final CharSequence X_CACHE = HttpHeaders.createOptimized(Responses.CACHE);
    private static final CharSequence ZERO = HttpHeaders.createOptimized("0");
    private static final CharSequence HIT = HttpHeaders.createOptimized("HIT");
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private final Catalog catalog;
    private final KeyAuthenticator authenticator;
    private final RequestValidator validator;
    private final HitOrLease hitOrLease;
    private final ConcurrencyLimiter limiter;
    private final Responses responses;
    private final GatewayMetrics metrics;
    private final LongAdder served = new LongAdder();

    public FastHitRoute(Catalog catalog, KeyAuthenticator authenticator, RequestValidator validator,
            HitOrLease hitOrLease, ConcurrencyLimiter limiter, Responses responses, GatewayMetrics metrics) {
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.validator = validator;
        this.hitOrLease = hitOrLease;
        this.limiter = limiter;
        this.responses = responses;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    /** Hits answered here (not by the REST path) since start. */
    public long served() {
        return served.sum();
    }

    private void handle(RoutingContext rc) {
        long started = System.nanoTime();
        HttpServerRequest request = rc.request();
        Endpoint endpoint = request.method() == HttpMethod.GET ? catalog.findByPath(request.path()).orElse(null)
                : null;
        MultiMap headers = request.headers();
        if (endpoint == null || headers.contains(IDEMPOTENCY_KEY) || headers.contains(HttpHeaders.CACHE_CONTROL)
                || !acceptsJson(headers.get(HttpHeaders.ACCEPT))) {
            rc.next();
            return;
        }
        AuthenticatedKey key = authenticator.trustedOrNull(headers.get(API_KEY));
        Map<String, List<String>> query = key == null ? null : plainQuery(request.query());
        if (query == null) {
            rc.next();
            return;
        }
        ValidatedRequest valid;
        try {
            valid = validator.validate(endpoint, query);
        } catch (ApiException e) {
            rc.next();
            return;
        }
        String requestId = rc.get(RequestIds.MDC_KEY);
        hitOrLease.lookupNow(key, valid, requestId).onComplete(result -> {
            if (result.succeeded() && result.result() instanceof HitOrLease.Hit hit && hit.balance() != null) {
                MDC.put(ACCOUNT_MDC_KEY, Long.toString(key.accountId()));
                answer(rc, endpoint, hit, requestId, started);
            } else {
                handOver(rc, new Handover(key.keyHash(), requestId, result.result(), result.cause()));
            }
        });
    }

    private void answer(RoutingContext rc, Endpoint endpoint, HitOrLease.Hit hit, String requestId, long started) {
        Buffer body = responses.cachedHitBody(endpoint.platform(), endpoint.path(), hit.data(), hit.balance(),
                requestId);
        ((HttpServerRequestInternal) rc.request()).context().putLocal(URL_PATH_TEMPLATE, URI_TEMPLATE);
        HttpServerResponse response = rc.response();
        String remaining = Long.toString(hit.balance());
        // Where and in what order the REST layer writes them: after Vert.x's own, names sorted.
        rc.addHeadersEndHandler(v -> response.headers()
                .add(CONTENT_TYPE, JSON)
                .add(X_CACHE, HIT)
                .add(CREDITS_REMAINING, remaining)
                .add(CREDITS_USED, ZERO));
        served.increment();
        metrics.request(endpoint.platform(), endpoint.path(), 200, Answer.HIT, System.nanoTime() - started);
        response.end(body);
    }

    /** The REST path serves the request, using what the script found; a lease nobody claimed is given back. */
    private void handOver(RoutingContext rc, Handover handover) {
        if (handover.outcome instanceof HitOrLease.Leased) {
            rc.addEndHandler(ended -> {
                if (handover.settled.compareAndSet(false, true)) {
                    limiter.release(handover.keyHash, handover.requestId).subscribe().with(v -> {
                    }, e -> {
                    });
                }
            });
        }
        rc.put(Handover.KEY, handover);
        rc.next();
    }

    /**
     * The query as the REST layer would decode it, when nothing in it needs decoding: {@code name=value} pairs of
     * unreserved characters (and {@code : / @}), each name once. Anything else, {@code null}: the REST path
     * decodes and judges it.
     */
    static Map<String, List<String>> plainQuery(String query) {
        Map<String, List<String>> params = new HashMap<>(8);
        if (query == null || query.isEmpty()) {
            return params;
        }
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            int eq = query.indexOf('=', start);
            if (eq <= start || eq >= end || !plain(query, start, eq) || !plain(query, eq + 1, end)) {
                return null;
            }
            if (params.put(query.substring(start, eq), List.of(query.substring(eq + 1, end))) != null) {
                return null;
            }
            start = end + 1;
        }
        return params;
    }

    private static boolean plain(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.' || c == '~' || c == ':' || c == '/' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean acceptsJson(String accept) {
        return accept == null || accept.contains("*/*") || accept.contains("application/json");
    }

    /**
     * What the fast route's script found, for the REST path to use instead of running it again. Whoever settles it
     * first owns a lease in it: the REST path by {@link #claim}, else the route, which releases it when the
     * response ends.
     */
    static final class Handover {
        static final String KEY = "gateway.hit-or-lease";

        private final String keyHash;
        private final String requestId;
        private final HitOrLease.Outcome outcome;
        private final Throwable failure;
        private final AtomicBoolean settled = new AtomicBoolean();

        Handover(String keyHash, String requestId, HitOrLease.Outcome outcome, Throwable failure) {
            this.keyHash = keyHash;
            this.requestId = requestId;
            this.outcome = outcome;
            this.failure = failure;
        }

        /** The script's result for this key and request, once; {@code null} when the REST path must run it. */
        Uni<HitOrLease.Outcome> claim(AuthenticatedKey key, String forRequestId) {
            if (!keyHash.equals(key.keyHash()) || !requestId.equals(forRequestId)
                    || !settled.compareAndSet(false, true)) {
                return null;
            }
            return failure != null ? Uni.createFrom().failure(failure) : Uni.createFrom().item(outcome);
        }
    }
}

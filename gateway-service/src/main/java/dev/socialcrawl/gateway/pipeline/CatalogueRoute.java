package dev.socialcrawl.gateway.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.auth.KeyAuthenticator;
import dev.socialcrawl.gateway.catalog.RequestValidator;
import dev.socialcrawl.gateway.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.concurrency.ConcurrencyLimiter;
import dev.socialcrawl.gateway.idempotency.IdempotencyStore;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;

/**
 * A plain catalogue request, answered on a Vert.x route ahead of the REST layer: a key this replica already
 * trusts, params that need no decoding, no Idempotency-Key and no Cache-Control. It runs the same checks and the
 * same {@link HitOrLease} script as {@link CataloguePipeline}; a hit with a known balance is written here as the
 * bytes {@link Responses#cachedHit} would be. Every other outcome of the script (a lease taken, a 429, a
 * revocation, a Redis failure) is carried as a {@link Handover} into {@link PublicApi}, the same call the REST
 * resource makes, so the script never runs twice, and its answer is written here as the REST layer would write
 * it. Any other request goes on to the REST path ({@link RoutingContext#next()}).
 */
@Singleton
public class CatalogueRoute {
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
    private static final String PATH_PREFIX = "/v1/";
    private static final Logger LOG = Logger.getLogger(CatalogueRoute.class);

    private final Catalog catalog;
    private final KeyAuthenticator authenticator;
    private final RequestValidator validator;
    private final HitOrLease hitOrLease;
    private final ConcurrencyLimiter limiter;
    private final Responses responses;
    private final GatewayMetrics metrics;
    private final PublicApi api;
    private final ObjectMapper mapper;
    private final LongAdder served = new LongAdder();

    public CatalogueRoute(Catalog catalog, KeyAuthenticator authenticator, RequestValidator validator,
            HitOrLease hitOrLease, ConcurrencyLimiter limiter, Responses responses, GatewayMetrics metrics,
            PublicApi api, ObjectMapper mapper) {
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.validator = validator;
        this.hitOrLease = hitOrLease;
        this.limiter = limiter;
        this.responses = responses;
        this.metrics = metrics;
        this.api = api;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    /** Requests answered here (not by the REST path) since start. */
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
        ((HttpServerRequestInternal) request).context().putLocal(URL_PATH_TEMPLATE, URI_TEMPLATE);
        hitOrLease.lookupNow(key, valid, requestId).onComplete(result -> {
            served.increment();
            if (result.succeeded() && result.result() instanceof HitOrLease.Hit hit && hit.balance() != null) {
                MDC.put(ACCOUNT_MDC_KEY, Long.toString(key.accountId()));
                answer(rc, endpoint, hit, requestId, started);
            } else {
                serve(rc, query, new Handover(key.keyHash(), requestId, result.result(), result.cause()));
            }
        });
    }

    private void answer(RoutingContext rc, Endpoint endpoint, HitOrLease.Hit hit, String requestId, long started) {
        Buffer body = responses.cachedHitBody(endpoint.platform(), endpoint.path(), hit.data(), hit.balance(),
                requestId);
        HttpServerResponse response = rc.response();
        String remaining = Long.toString(hit.balance());
        // Where and in what order the REST layer writes them: after Vert.x's own, names sorted.
        rc.addHeadersEndHandler(v -> response.headers()
                .add(CONTENT_TYPE, JSON)
                .add(X_CACHE, HIT)
                .add(CREDITS_REMAINING, remaining)
                .add(CREDITS_USED, ZERO));
        metrics.request(endpoint.platform(), endpoint.path(), 200, Answer.HIT, System.nanoTime() - started);
        response.end(body);
    }

    /**
     * Everything but a hit: {@link PublicApi} serves the request as it does for the REST resource, using what the
     * script found, and the answer is written as the REST layer writes it. A lease nobody claimed is given back.
     */
    private void serve(RoutingContext rc, Map<String, List<String>> query, Handover handover) {
        if (handover.outcome instanceof HitOrLease.Leased) {
            rc.addEndHandler(ended -> {
                if (handover.settled.compareAndSet(false, true)) {
                    limiter.release(handover.keyHash, handover.requestId).subscribe().with(v -> {
                    }, e -> {
                    });
                }
            });
        }
        HttpServerRequest request = rc.request();
        api.get(handover.requestId, request.path().substring(PATH_PREFIX.length()), query,
                request.headers().get(API_KEY), null, null, handover).subscribe().with(
                        answer -> write(rc, answer),
                        failure -> {
                            LOG.error("Unexpected error while serving the request", failure);
                            write(rc, responses.error(ErrorCode.INTERNAL_ERROR,
                                    ErrorCode.INTERNAL_ERROR.defaultMessage(), null, handover.requestId, Map.of())
                                    .build());
                        });
    }

    /** A JAX-RS answer as the REST layer writes it: its status, its entity as JSON, its headers sorted by name. */
    private void write(RoutingContext rc, Response answer) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        Buffer body;
        try {
            Object entity = answer.getEntity();
            body = entity == null ? Buffer.buffer()
                    : Buffer.buffer(entity instanceof byte[] bytes ? bytes : mapper.writeValueAsBytes(entity));
        } catch (JsonProcessingException e) {
            LOG.error("Cannot write the answer", e);
            rc.fail(e);
            return;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        answer.getStringHeaders().forEach((name, values) -> headers.put(name, values));
        if (answer.getMediaType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE.toString(), List.of(answer.getMediaType().toString()));
        }
        // As the REST layer does: its length first, Vert.x' own headers next, then the answer's.
        response.setStatusCode(answer.getStatus()).putHeader(HttpHeaders.CONTENT_LENGTH,
                Integer.toString(body.length()));
        rc.addHeadersEndHandler(v -> headers.forEach((name, values) -> values.forEach(
                value -> response.headers().add(name, value))));
        response.end(body);
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
     * What the route's script found, for the pipeline to use instead of running it again. Whoever settles it first
     * owns a lease in it: the pipeline by {@link #claim}, else the route, which releases it when the response ends.
     */
    static final class Handover {
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

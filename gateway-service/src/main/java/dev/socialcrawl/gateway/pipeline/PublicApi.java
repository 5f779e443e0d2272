package dev.socialcrawl.gateway.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.catalog.QueryString;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.activity.ActivityLog;
import dev.socialcrawl.gateway.activity.ActivityRecord;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.auth.KeyAuthenticator;
import dev.socialcrawl.gateway.billing.BalanceCache;
import dev.socialcrawl.gateway.meta.MetaRoutes;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;
import dev.socialcrawl.gateway.site.SitePages;
import dev.socialcrawl.gateway.wire.Answer;
import dev.socialcrawl.gateway.wire.Envelopes;

/**
 * The order of checks (docs/api.md#order-of-checks) for every public request: the method, public routes, the key
 * (once), then the account's own routes and the catalogue. Every ending, success or rejection, leaves here as an
 * {@link Answer}.
 */
@Singleton
public class PublicApi {
    private static final Logger LOG = Logger.getLogger(PublicApi.class);
    static final String V1 = "/v1";
    static final String STATUS = "status";
    static final String OPENAPI = "openapi.json";
    static final String BALANCE = "credits/balance";
    static final String ACTIVITY = "activity";
    static final String METHOD_MESSAGE = "Method not allowed. Use GET.";
    static final String NO_ROUTE_MESSAGE = "No such route on this service.";
    static final String BAD_QUERY_MESSAGE = "The query string is not valid percent-encoding.";
    static final String BAD_PATH_MESSAGE = "The request path cannot be read: check its percent-encoding.";

    private final KeyAuthenticator authenticator;
    private final CataloguePipeline catalogue;
    private final MetaRoutes meta;
    private final BalanceCache balances;
    private final Envelopes envelopes;
    private final GatewayMetrics metrics;
    private final SitePages site;
    private final ActivityLog activity;
    private final AccessLog accessLog;

    public PublicApi(KeyAuthenticator authenticator, CataloguePipeline catalogue, MetaRoutes meta,
            BalanceCache balances, Envelopes envelopes, GatewayMetrics metrics, SitePages site, ActivityLog activity,
            AccessLog accessLog) {
        this.authenticator = authenticator;
        this.catalogue = catalogue;
        this.meta = meta;
        this.balances = balances;
        this.envelopes = envelopes;
        this.metrics = metrics;
        this.site = site;
        this.activity = activity;
        this.accessLog = accessLog;
    }

    public Uni<Answer> answer(PublicRequest request) {
        String path = request.path();
        if (!path.equals(V1) && !path.startsWith(V1 + "/")) {
            Answer page = request.get() ? site.page(path) : null;
            return page != null ? Uni.createFrom().item(page)
                    : early(request, ErrorCode.ENDPOINT_NOT_FOUND, NO_ROUTE_MESSAGE);
        }
        if (!request.get()) {
            // Step 1 of the order of checks, before anything else: no key is looked at and nothing is counted as a
            // request.
            return Uni.createFrom().item(envelopes.error(ErrorCode.METHOD_NOT_ALLOWED, METHOD_MESSAGE, null,
                    request.requestId()).header("Allow", "GET"));
        }
        Map<String, List<String>> query;
        try {
            query = QueryString.decode(request.rawQuery());
        } catch (IllegalArgumentException e) {
            return early(request, ErrorCode.INVALID_REQUEST, BAD_QUERY_MESSAGE);
        }
        CacheDirectives cache;
        try {
            cache = CacheDirectives.parse(request.cacheControl());
        } catch (ApiException e) {
            return Uni.createFrom().item(envelopes.error(e, null, request.requestId()));
        }
        RequestState state = new RequestState(request.requestId(),
                path.length() <= V1.length() ? "" : path.substring(V1.length() + 1), query, request.rawQuery(),
                request.apiKey(), request.idempotencyKey(), cache.noCache(), cache.maxStaleSeconds());
        return Uni.createFrom().deferred(() -> route(state))
                .onFailure().recoverWithUni(e -> rejection(state, e))
                .invoke(answer -> finished(state, answer));
    }

    /** Counts the request and, when it carried a valid key, puts it in the account's activity log. */
    private void finished(RequestState state, Answer answer) {
        long elapsedNanos = System.nanoTime() - state.startedNanos;
        metrics.request(state.metricPlatform, state.metricEndpoint, answer.status(), answer.cacheLabel(), elapsedNanos);
        accessLog.log("GET", V1 + "/" + state.path, answer, elapsedNanos / 1_000_000);
        if (state.accountKnown()) {
            String used = answer.header(Envelopes.CREDITS_USED);
            activity.record(new ActivityRecord(state.requestId, state.key.accountId(), state.key.keyId(),
                    state.apiKey.substring(state.apiKey.length() - 4), "GET", V1 + "/" + state.path, state.rawQuery,
                    answer.status(), answer.errorType(), used == null ? 0 : Long.parseLong(used),
                    Answer.HIT.equals(answer.cacheLabel()), answer.header(Envelopes.REPLAY) != null,
                    elapsedNanos / 1_000_000, System.currentTimeMillis()));
        }
    }

    private Uni<Answer> early(PublicRequest request, ErrorCode code, String message) {
        return Uni.createFrom().item(envelopes.error(code, message, null, request.requestId()));
    }

    private Uni<Answer> route(RequestState state) {
        if (STATUS.equals(state.path)) {
            label(state, "meta", "/v1/status");
            return meta.status(state.requestId);
        }
        if (OPENAPI.equals(state.path)) {
            label(state, "meta", "/v1/openapi.json");
            return meta.openApi();
        }
        Optional<AuthenticatedKey> cached = authenticator.fromCache(state.apiKey);
        if (cached.isPresent() && !BALANCE.equals(state.path) && !ACTIVITY.equals(state.path)) {
            // The catalogue reads the revocation marker itself, in the same round trip as its other checks.
            state.authenticated(cached.get(), false);
            return catalogue.serve(state);
        }
        Uni<AuthenticatedKey> verified = cached.isPresent()
                ? authenticator.checkMarker(cached.get()).replaceWith(cached.get())
                : authenticator.fromBilling(state.apiKey, state.requestId);
        return verified.chain(key -> {
            state.authenticated(key, true);
            if (BALANCE.equals(state.path)) {
                label(state, "meta", "/v1/credits/balance");
                return meta.balance(key, state.requestId);
            }
            if (ACTIVITY.equals(state.path)) {
                label(state, "meta", "/v1/activity");
                return meta.activity(key, state.query, state.requestId);
            }
            return catalogue.serve(state);
        });
    }

    /** A request ended early: its envelope, with the account's balance whenever the account is known. */
    private Uni<Answer> rejection(RequestState state, Throwable failure) {
        ApiException e;
        if (failure instanceof ApiException api) {
            e = api;
        } else {
            LOG.error("Unexpected error before any debit", failure);
            e = new ApiException(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred. Nothing was charged.");
        }
        Uni<Long> remaining = e.creditsRemaining() != null || !state.accountKnown()
                ? Uni.createFrom().item(e.creditsRemaining())
                : balances.current(state.key.accountId(), state.requestId);
        return remaining.map(balance -> {
            Answer answer = envelopes.error(e, balance, state.requestId);
            return state.accountKnown() ? Envelopes.credits(answer, 0, balance) : answer;
        });
    }

    private static void label(RequestState state, String platform, String endpoint) {
        state.metricPlatform = platform;
        state.metricEndpoint = endpoint;
    }
}

package dev.socialcrawl.gateway.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.auth.KeyAuthenticator;
import dev.socialcrawl.gateway.billing.BalanceCache;
import dev.socialcrawl.gateway.meta.MetaRoutes;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;

/**
 * The order of checks of api-contract §3 for {@code GET /v1/…}: public routes, the key, then the account's own
 * routes and the catalogue. Every ending, success or rejection, leaves here as an envelope with its headers.
 */
@Singleton
public class PublicApi {
    private static final Logger LOG = Logger.getLogger(PublicApi.class);
    static final String STATUS = "status";
    static final String OPENAPI = "openapi.json";
    static final String BALANCE = "credits/balance";

    private final KeyAuthenticator authenticator;
    private final CataloguePipeline catalogue;
    private final MetaRoutes meta;
    private final BalanceCache balances;
    private final Responses responses;
    private final GatewayMetrics metrics;

    public PublicApi(KeyAuthenticator authenticator, CataloguePipeline catalogue, MetaRoutes meta,
            BalanceCache balances, Responses responses, GatewayMetrics metrics) {
        this.authenticator = authenticator;
        this.catalogue = catalogue;
        this.meta = meta;
        this.balances = balances;
        this.responses = responses;
        this.metrics = metrics;
    }

    public Uni<Response> get(String requestId, String path, Map<String, List<String>> query, String apiKey,
            String idempotencyKey, String cacheControl, CatalogueRoute.Handover handover) {
        boolean noCache = cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
        RequestState state = new RequestState(requestId, path, query, apiKey, idempotencyKey, noCache);
        state.handover = handover;
        return Uni.createFrom().deferred(() -> route(state))
                .onFailure().recoverWithUni(e -> rejection(state, e))
                .map(answer -> {
                    Response response = answer.response();
                    metrics.request(state.metricPlatform, state.metricEndpoint, response.getStatus(),
                            answer.cacheLabel(), Duration.ofNanos(System.nanoTime() - state.startedNanos));
                    return response;
                });
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
        if (cached.isPresent() && !BALANCE.equals(state.path)) {
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
            Map<String, String> headers = new HashMap<>(e.headers());
            Response.ResponseBuilder builder = responses.error(e.code(), e.getMessage(), balance, state.requestId,
                    headers);
            if (state.accountKnown()) {
                Responses.credits(builder, 0, balance);
            }
            return new Answer(builder.build(), Answer.NONE);
        });
    }

    private static void label(RequestState state, String platform, String endpoint) {
        state.metricPlatform = platform;
        state.metricEndpoint = endpoint;
    }
}

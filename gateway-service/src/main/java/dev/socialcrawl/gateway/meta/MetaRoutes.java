package dev.socialcrawl.gateway.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.billing.BalanceCache;
import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.wire.Answer;
import dev.socialcrawl.gateway.wire.Envelopes;
import dev.socialcrawl.gateway.wire.GatewayException;

/** {@code /v1/status}, {@code /v1/openapi.json} and {@code /v1/credits/balance}: platform "meta", never cached. */
@Singleton
public class MetaRoutes {
    static final String META = "meta";
    static final List<String> ACTIVITY_FILTERS = List.of("from", "to", "status", "endpoint", "request_id", "cursor",
            "limit");
    private static final String NO_STORE = "no-store";

    private final StatusService status;
    private final OpenApiDocument openApi;
    private final BillingClient billing;
    private final BalanceCache balances;
    private final Envelopes envelopes;

    public MetaRoutes(StatusService status, OpenApiDocument openApi, BillingClient billing, BalanceCache balances,
            Envelopes envelopes) {
        this.status = status;
        this.openApi = openApi;
        this.billing = billing;
        this.balances = balances;
        this.envelopes = envelopes;
    }

    public Uni<Answer> status(String requestId) {
        return status.status(requestId).map(data -> envelopes
                .publicSuccess(META, "/v1/status", data, requestId)
                .header(Envelopes.CACHE_CONTROL, NO_STORE));
    }

    public Uni<Answer> openApi() {
        return Uni.createFrom().item(Answer.json(200, openApi.bytes()));
    }

    /**
     * {@code GET /v1/activity}: the calling account's own activity log, newest first, free. Only the filters of
     * docs/api.md#activity-log are passed on, each once; billing judges their values.
     */
    public Uni<Answer> activity(AuthenticatedKey key, Map<String, List<String>> query, String requestId) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!ACTIVITY_FILTERS.contains(e.getKey())) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_REQUEST, "Unknown parameter '"
                        + e.getKey() + "' for /v1/activity; use " + String.join(", ", ACTIVITY_FILTERS) + "."));
            }
            if (e.getValue().size() > 1) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_REQUEST,
                        "Parameter '" + e.getKey() + "' is repeated; send it once."));
            }
            filters.put(e.getKey(), e.getValue().get(0));
        }
        return billing.activity(key.accountId(), filters, requestId)
                .onFailure(e -> !(e instanceof ApiException))
                .transform(e -> GatewayException.billingUnavailable("the activity log", e))
                .chain(page -> balances.current(key.accountId(), requestId).map(balance -> envelopes
                        .success(META, "/v1/activity", page, 0, balance, requestId, false)
                        .header(Envelopes.CACHE_CONTROL, NO_STORE)));
    }

    public Uni<Answer> balance(AuthenticatedKey key, String requestId) {
        return billing.balance(key.accountId(), requestId)
                .onFailure().transform(e -> GatewayException.billingUnavailable("the balance", e))
                .call(b -> balances.remember(key.accountId(), b.balance()))
                .map(b -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("balance", b.balance());
                    Map<String, Long> recent = new LinkedHashMap<>();
                    recent.put("last_24h", b.recentDeductions() == null ? 0L : b.recentDeductions().last24h());
                    recent.put("last_7d", b.recentDeductions() == null ? 0L : b.recentDeductions().last7d());
                    data.put("recent_deductions", recent);
                    return envelopes.success(META, "/v1/credits/balance", (Object) data, 0, b.balance(), requestId,
                            false).header(Envelopes.CACHE_CONTROL, NO_STORE);
                });
    }
}

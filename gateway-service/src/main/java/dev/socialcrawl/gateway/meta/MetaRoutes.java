package dev.socialcrawl.gateway.meta;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

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

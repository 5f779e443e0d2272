package dev.socialcrawl.gateway.meta;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.billing.BalanceCache;
import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.pipeline.Answer;
import dev.socialcrawl.gateway.pipeline.GatewayException;
import dev.socialcrawl.gateway.pipeline.Responses;

/** {@code /v1/status}, {@code /v1/openapi.json} and {@code /v1/credits/balance}: platform "meta", never cached. */
@Singleton
public class MetaRoutes {
    static final String META = "meta";

    private final StatusService status;
    private final OpenApiDocument openApi;
    private final BillingClient billing;
    private final BalanceCache balances;
    private final Responses responses;

    public MetaRoutes(StatusService status, OpenApiDocument openApi, BillingClient billing, BalanceCache balances,
            Responses responses) {
        this.status = status;
        this.openApi = openApi;
        this.billing = billing;
        this.balances = balances;
        this.responses = responses;
    }

    public Uni<Answer> status(String requestId) {
        return status.status(requestId).map(data -> new Answer(
                responses.success(META, "/v1/status", (Object) data, 0, null, requestId, false)
                        .header("Cache-Control", "no-store").build(),
                Answer.NONE));
    }

    public Uni<Answer> openApi() {
        return Uni.createFrom().item(new Answer(
                Response.ok(openApi.json(), MediaType.APPLICATION_JSON_TYPE).build(), Answer.NONE));
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
                    return new Answer(responses.success(META, "/v1/credits/balance", (Object) data, 0, b.balance(),
                            requestId, false).header("Cache-Control", "no-store").build(), Answer.NONE);
                });
    }
}

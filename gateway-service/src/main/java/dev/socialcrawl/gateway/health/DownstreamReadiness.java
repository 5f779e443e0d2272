package dev.socialcrawl.gateway.health;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;

import dev.socialcrawl.gateway.config.GatewayConfig;

/**
 * Readiness includes billing and the proxy being reachable (architecture guarantee 6): a gateway that can
 * neither charge nor fetch should get no traffic. Any HTTP answer on the service's own port counts as reachable (its
 * health endpoints live on its management port, which the gateway may not reach); a refused connection or no answer
 * within a second does not.
 */
@Readiness
@Singleton
public class DownstreamReadiness implements AsyncHealthCheck {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final HttpClient client;
    private final String billingUrl;
    private final String proxyUrl;

    public DownstreamReadiness(Vertx vertx, GatewayConfig config) {
        this.client = vertx.createHttpClient();
        this.billingUrl = config.clients().billing().url().toString();
        this.proxyUrl = config.clients().proxy().url().toString();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.combine().all().unis(reachable(billingUrl), reachable(proxyUrl)).asTuple()
                .map(both -> HealthCheckResponse.named("billing-and-proxy-reachable")
                        .status(both.getItem1() && both.getItem2())
                        .withData("billing", both.getItem1() ? "reachable" : "unreachable")
                        .withData("proxy", both.getItem2() ? "reachable" : "unreachable")
                        .build());
    }

    private Uni<Boolean> reachable(String baseUrl) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(stripSlash(baseUrl) + "/")
                .setTimeout(PROBE_TIMEOUT.toMillis());
        return client.request(options)
                .chain(HttpClientRequest::send)
                .call(response -> response.body())
                .map(response -> true)
                .ifNoItem().after(PROBE_TIMEOUT.plusMillis(200)).fail()
                .onFailure().recoverWithItem(false);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package dev.socialcrawl.gateway.proxy;

import java.util.Map;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

/** upstream-proxy-service's internal API (docs/internal-api.md); statuses are read by {@link ProxyClient}. */
@RegisterRestClient(configKey = "proxy")
@Path("/proxy")
public interface ProxyApi {

    /** {@code resource} keeps its slashes ({@code profile/videos}); the catalogue allows only [a-z0-9-/] there. */
    @GET
    @Path("/{platform}/{resource}")
    Uni<Response> fetch(@PathParam("platform") String platform, @Encoded @PathParam("resource") String resource,
            @RestQuery Map<String, String> query, @HeaderParam("X-Request-Id") String requestId);

    @GET
    @Path("/status")
    Uni<Response> status(@HeaderParam("X-Request-Id") String requestId);
}

package dev.socialcrawl.gateway.proxy;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** upstream-proxy-service's status route (docs/internal-api.md); data fetches go through {@link ProxyClient}. */
@RegisterRestClient(configKey = "proxy")
@Path("/proxy")
public interface ProxyApi {

    @GET
    @Path("/status")
    Uni<Response> status(@HeaderParam("X-Request-Id") String requestId);
}

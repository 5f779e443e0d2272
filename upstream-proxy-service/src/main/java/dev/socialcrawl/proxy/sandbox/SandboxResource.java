package dev.socialcrawl.proxy.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.proxy.config.UpstreamConfig;

/**
 * The built-in upstream provider: {@code GET /sandbox/v1/{platform}/{resource…}} with the provider protocol,
 * answering every catalogue endpoint with a deterministic payload in the platform's raw shape. Off (404
 * ENDPOINT_NOT_FOUND) unless {@code upstream.sandbox.enabled}.
 */
@Path("/sandbox/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxResource {
    private final Catalog catalog;
    private final UpstreamConfig config;
    private final Vertx vertx;

    public SandboxResource(Catalog catalog, UpstreamConfig config, Vertx vertx) {
        this.catalog = catalog;
        this.config = config;
        this.vertx = vertx;
    }

    @GET
    @Path("/{platform}/{resource: .+}")
    public Uni<Response> get(@PathParam("platform") String platform, @PathParam("resource") String resource,
            @Context UriInfo uri) {
        if (!config.sandbox().enabled()) {
            throw new ApiException(ErrorCode.ENDPOINT_NOT_FOUND, "The sandbox upstream is disabled.");
        }
        Endpoint endpoint = catalog.find(platform, resource).orElseThrow(() -> new ApiException(
                ErrorCode.ENDPOINT_NOT_FOUND, "The sandbox has no endpoint /v1/" + platform + "/" + resource + "."));
        Map<String, String> params = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));

        MagicValue magic = MagicValue.find(params).orElse(null);
        if (magic == null) {
            return Uni.createFrom().item(ok(SandboxPayloads.generate(endpoint, params)));
        }
        return switch (magic) {
            case NOT_FOUND -> Uni.createFrom().item(Response.status(404)
                    .entity(Map.of("success", false, "message", "Not found: no such " + platform + " resource"))
                    .build());
            case EMPTY -> Uni.createFrom().item(ok(SandboxPayloads.empty(endpoint, params)));
            case ERROR -> Uni.createFrom().item(Response.status(500)
                    .entity(Map.of("success", false, "message", "Upstream provider failure")).build());
            case SLOW -> later(ok(SandboxPayloads.generate(endpoint, params)));
        };
    }

    /** Answers after {@code upstream.sandbox.slow-delay} on a Vert.x timer: no thread waits meanwhile. */
    private Uni<Response> later(Response response) {
        long delay = Math.max(1, config.sandbox().slowDelay().toMillis());
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(delay, id -> emitter.complete(response)));
    }

    private static Response ok(JsonNode body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}

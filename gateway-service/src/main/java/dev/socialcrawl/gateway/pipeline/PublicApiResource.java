package dev.socialcrawl.gateway.pipeline;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.rest.CurrentRequestId;
import dev.socialcrawl.gateway.idempotency.IdempotencyStore;

/** Every method on every {@code /v1} path lands here, so a non-GET is refused with 405 before anything else. */
@Path("/v1")
public class PublicApiResource {
    static final String METHOD_MESSAGE = "Method not allowed. Use GET.";

    private final PublicApi api;
    private final CurrentRequestId requestIds;
    private final Responses responses;

    public PublicApiResource(PublicApi api, CurrentRequestId requestIds, Responses responses) {
        this.api = api;
        this.requestIds = requestIds;
        this.responses = responses;
    }

    @GET
    @Path("{path: .*}")
    public Uni<Response> get(@PathParam("path") String path, @Context UriInfo uri,
            @HeaderParam("x-api-key") String apiKey,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            @HeaderParam("Cache-Control") String cacheControl) {
        return api.get(requestIds.get(), path, uri.getQueryParameters(true), apiKey, idempotencyKey, cacheControl,
                null);
    }

    @POST
    @Path("{path: .*}")
    public Response post() {
        return methodNotAllowed();
    }

    @PUT
    @Path("{path: .*}")
    public Response put() {
        return methodNotAllowed();
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete() {
        return methodNotAllowed();
    }

    @PATCH
    @Path("{path: .*}")
    public Response patch() {
        return methodNotAllowed();
    }

    @HEAD
    @Path("{path: .*}")
    public Response head() {
        return methodNotAllowed();
    }

    @OPTIONS
    @Path("{path: .*}")
    public Response options() {
        return methodNotAllowed();
    }

    private Response methodNotAllowed() {
        return responses.error(ErrorCode.METHOD_NOT_ALLOWED, METHOD_MESSAGE, null, requestIds.get(),
                Map.of("Allow", "GET")).build();
    }
}

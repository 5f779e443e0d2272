package dev.socialcrawl.billing.apikey;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.socialcrawl.billing.web.OtherStatus;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.rest.ErrorResponses;

@Path("/internal/keys")
@Produces(MediaType.APPLICATION_JSON)
public class InternalKeyResource {
    private static final int UNKNOWN_KEY_STATUS = 404;

    private final ApiKeyService keys;
    private final ErrorResponses errors;

    public InternalKeyResource(ApiKeyService keys, ErrorResponses errors) {
        this.keys = keys;
        this.errors = errors;
    }

    @GET
    @Path("{keyHashHex}")
    public Response verify(@PathParam("keyHashHex") String keyHashHex) {
        return keys.verify(keyHashHex)
                .map(v -> Response.ok(v).build())
                .orElseGet(this::unknownKey);
    }

    /**
     * docs/internal-api.md fixes "unknown hash → 404 INVALID_API_KEY", while INVALID_API_KEY is 401 in the
     * shared table.
     */
    private Response unknownKey() {
        return OtherStatus.response(errors, ErrorCode.INVALID_API_KEY, UNKNOWN_KEY_STATUS, "No API key has this hash.",
                Map.of());
    }
}

package dev.socialcrawl.billing.apikey;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import dev.socialcrawl.billing.web.Inputs;

@Path("/admin/accounts/{accountId}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminKeyResource {
    private final ApiKeyService keys;

    public AdminKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @ResponseStatus(201)
    public KeyViews.Created create(@PathParam("accountId") String accountId, KeyViews.CreateRequest body) {
        KeyViews.CreateRequest request = Inputs.body(body);
        return keys.create(Inputs.pathId("accountId", accountId),
                Inputs.requiredText("name", request.name(), Inputs.MAX_NAME), request.expiresAt());
    }

    @GET
    public List<KeyViews.Listed> list(@PathParam("accountId") String accountId) {
        return keys.list(Inputs.pathId("accountId", accountId));
    }

    @DELETE
    @Path("{keyId}")
    @ResponseStatus(204)
    public void revoke(@PathParam("accountId") String accountId, @PathParam("keyId") String keyId) {
        keys.revoke(Inputs.pathId("accountId", accountId), Inputs.pathId("keyId", keyId));
    }
}

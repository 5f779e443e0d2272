package dev.socialcrawl.gateway.billing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.gateway.billing.BillingDtos.DebitRequest;
import dev.socialcrawl.gateway.billing.BillingDtos.RefundRequest;
import dev.socialcrawl.gateway.billing.BillingDtos.SettleRequest;

/** billing-service's internal API (docs/internal-api.md); statuses are read by {@link BillingClient}. */
@RegisterRestClient(configKey = "billing")
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface BillingApi {
    String TOKEN = "X-Internal-Token";
    String REQUEST_ID = "X-Request-Id";

    @GET
    @Path("/keys/{hash}")
    Uni<Response> key(@PathParam("hash") String keyHash, @HeaderParam(TOKEN) String token,
            @HeaderParam(REQUEST_ID) String requestId);

    @POST
    @Path("/debits")
    Uni<Response> debit(DebitRequest body, @HeaderParam(TOKEN) String token, @HeaderParam(REQUEST_ID) String requestId);

    @POST
    @Path("/refunds")
    Uni<Response> refund(RefundRequest body, @HeaderParam(TOKEN) String token,
            @HeaderParam(REQUEST_ID) String requestId);

    @POST
    @Path("/settlements")
    Uni<Response> settle(SettleRequest body, @HeaderParam(TOKEN) String token,
            @HeaderParam(REQUEST_ID) String requestId);

    @GET
    @Path("/accounts/{id}/balance")
    Uni<Response> balance(@PathParam("id") long accountId, @HeaderParam(TOKEN) String token,
            @HeaderParam(REQUEST_ID) String requestId);
}

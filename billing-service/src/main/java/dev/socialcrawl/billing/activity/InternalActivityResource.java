package dev.socialcrawl.billing.activity;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.socialcrawl.billing.web.Inputs;

/** The account's own activity log, for the gateway's {@code GET /v1/activity}; {@code X-Internal-Token} guards it. */
@Path("/internal/accounts/{id}/activity")
@Produces(MediaType.APPLICATION_JSON)
public class InternalActivityResource {
    private final ActivityQueryService activity;

    public InternalActivityResource(ActivityQueryService activity) {
        this.activity = activity;
    }

    @GET
    public ActivityItem.Page list(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("status") String status, @QueryParam("endpoint") String endpoint,
            @QueryParam("request_id") String requestId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        long accountId = Inputs.pathId("id", id);
        return activity.page(ActivityParams.query(accountId, from, to, status, endpoint, requestId, cursor, limit), false);
    }
}

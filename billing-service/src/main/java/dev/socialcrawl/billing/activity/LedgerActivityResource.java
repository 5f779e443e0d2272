package dev.socialcrawl.billing.activity;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.socialcrawl.billing.web.Inputs;

/**
 * The activity log for support: one request across all accounts ({@code request_id=}) or an account's log
 * ({@code account=}), with the same filters as the gateway's route and {@code account_id} on each row.
 */
@Path("/ledger/activity")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerActivityResource {
    private final ActivityQueryService activity;

    public LedgerActivityResource(ActivityQueryService activity) {
        this.activity = activity;
    }

    @GET
    public ActivityItem.Page list(@QueryParam("account") String account, @QueryParam("request_id") String requestId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("status") String status,
            @QueryParam("endpoint") String endpoint, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        Long accountId = Inputs.queryId("account", account);
        ActivityQuery query = ActivityParams.query(accountId, from, to, status, endpoint, requestId, cursor, limit);
        if (accountId == null && query.requestId() == null) {
            throw Inputs.invalid("Parameter 'account' or parameter 'request_id' is required.");
        }
        return activity.page(query, true);
    }
}

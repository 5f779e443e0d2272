package dev.socialcrawl.billing.audit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.socialcrawl.billing.web.Inputs;

/** Every admin write, newest first; readable with the admin and the ledger token. */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final AuditQueryService audit;

    public AuditResource(AuditQueryService audit) {
        this.audit = audit;
    }

    @GET
    public AuditView.Page list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("account") String account, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return audit.page(AuditQueryService.Query.parse(from, to, account, cursor,
                Inputs.limitParam(limit, DEFAULT_LIMIT, MAX_LIMIT)));
    }
}

package dev.socialcrawl.billing.account;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.ResponseStatus;

import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.billing.web.PageCursor;

@Path("/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminAccountResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAY_HEADER = "X-Idempotent-Replay";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;
    private static final int MAX_QUERY = 200;

    private final AccountService accounts;
    private final CreditService credits;

    public AdminAccountResource(AccountService accounts, CreditService credits) {
        this.accounts = accounts;
        this.credits = credits;
    }

    @POST
    @ResponseStatus(201)
    public AccountView create(CreateAccountRequest body) {
        return accounts.create(Inputs.requiredText("name", Inputs.body(body).name(), Inputs.MAX_NAME));
    }

    /** By name (any case, part of it), by id, or by a key's last four characters; all accounts without a query. */
    @GET
    public AccountPage search(@QueryParam("query") String query, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        String q = query == null || query.isBlank() ? null : query.strip();
        if (q != null && q.length() > MAX_QUERY) {
            throw Inputs.invalid("Parameter 'query' is longer than " + MAX_QUERY + " characters.");
        }
        return accounts.search(q, PageCursor.decodeId(cursor, AccountService.SEARCH_CURSOR),
                Inputs.limitParam(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    @GET
    @Path("{id}")
    public AccountView get(@PathParam("id") String id) {
        return accounts.get(Inputs.pathId("id", id));
    }

    /** 201 with the new entry; with an {@code Idempotency-Key} already used for the same body, 200 with the first one. */
    @POST
    @Path("{id}/credits")
    public Response addCredits(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            CreditRequest body) {
        CreditService.Outcome outcome = credits.add(Inputs.pathId("id", id), Inputs.body(body), idempotencyKey);
        return outcome.replayed()
                ? Response.ok(outcome.entry()).header(REPLAY_HEADER, "true").build()
                : Response.status(Response.Status.CREATED).entity(outcome.entry()).build();
    }
}

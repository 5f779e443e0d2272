package dev.socialcrawl.billing.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.socialcrawl.billing.ledger.EntryType;
import dev.socialcrawl.billing.web.Inputs;

/** The billing team's read API; the admin token is checked by the token filter. */
@Path("/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {
    static final String CSV = "text/csv";
    static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final Duration DEFAULT_USAGE_RANGE = Duration.ofDays(7);

    private final LedgerQueryService queries;
    private final BalanceService balances;
    private final UsageService usage;
    private final IntegrityService integrity;

    public LedgerResource(LedgerQueryService queries, BalanceService balances, UsageService usage,
            IntegrityService integrity) {
        this.queries = queries;
        this.balances = balances;
        this.usage = usage;
        this.integrity = integrity;
    }

    @GET
    @Path("accounts/{id}/balance")
    public BalanceView balance(@PathParam("id") String id) {
        return balances.balance(Inputs.pathId("id", id));
    }

    @GET
    @Path("accounts/{id}/entries")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    public Response entries(@PathParam("id") String id, @QueryParam("type") String type, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        EntryPage page = page(id, type, from, to, cursor, limit);
        boolean csv = accept != null && accept.toLowerCase(Locale.ROOT).contains(CSV);
        return csv ? csv(page) : Response.ok(page, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("accounts/{id}/entries.csv")
    @Produces(CSV)
    public Response entriesCsv(@PathParam("id") String id, @QueryParam("type") String type, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return csv(page(id, type, from, to, cursor, limit));
    }

    @GET
    @Path("requests/{requestId}")
    public RequestEntries request(@PathParam("requestId") String requestId) {
        return new RequestEntries(requestId, queries.request(requestId));
    }

    @GET
    @Path("usage")
    public UsageView usage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group_by") String groupBy, @QueryParam("account") String account) {
        UsageService.GroupBy group = groupBy(groupBy);
        Instant end = orDefault(Inputs.instantParam("to", to), Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        Instant start = orDefault(Inputs.instantParam("from", from), end.minus(DEFAULT_USAGE_RANGE));
        Inputs.orderedRange(start, end);
        Long accountId = account == null || account.isBlank() ? null : queryId("account", account);
        return new UsageView(group.name().toLowerCase(Locale.ROOT), start, end, accountId,
                usage.usage(group, start, end, accountId), UsageView.DEFINITIONS);
    }

    @GET
    @Path("integrity")
    public IntegrityReport integrity() {
        return integrity.check();
    }

    private EntryPage page(String id, String type, String from, String to, String cursor, String limit) {
        long accountId = Inputs.pathId("id", id);
        EntryType entryType = null;
        if (type != null && !type.isBlank()) {
            entryType = EntryType.fromWire(type.strip());
            if (entryType == null) {
                throw Inputs.invalid("Parameter 'type' must be one of " + EntryType.allWire() + ".");
            }
        }
        Instant start = Inputs.instantParam("from", from);
        Instant end = Inputs.instantParam("to", to);
        Inputs.orderedRange(start, end);
        EntryQuery query = new EntryQuery(entryType, start, end, Cursor.decode(cursor),
                Inputs.limitParam(limit, DEFAULT_LIMIT, MAX_LIMIT));
        return queries.entries(accountId, query);
    }

    private static Response csv(EntryPage page) {
        Response.ResponseBuilder r = Response.ok(Csv.of(page.items()), CSV + "; charset=UTF-8");
        if (page.nextCursor() != null) {
            r.header(NEXT_CURSOR_HEADER, page.nextCursor());
        }
        return r.build();
    }

    private static UsageService.GroupBy groupBy(String raw) {
        if (raw == null || raw.isBlank()) {
            return UsageService.GroupBy.ENDPOINT;
        }
        return switch (raw.strip()) {
            case "endpoint" -> UsageService.GroupBy.ENDPOINT;
            case "day" -> UsageService.GroupBy.DAY;
            default -> throw Inputs.invalid("Parameter 'group_by' must be 'endpoint' or 'day'.");
        };
    }

    private static long queryId(String name, String raw) {
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw Inputs.invalid("Parameter '" + name + "' must be a positive integer.");
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}

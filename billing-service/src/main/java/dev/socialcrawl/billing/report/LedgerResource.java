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

import dev.socialcrawl.billing.web.CsvWriter;
import dev.socialcrawl.billing.web.Inputs;

/**
 * The billing team's read API; the admin or ledger token is checked by the token filter. Listings come as JSON or,
 * with {@code Accept: text/csv} or at their {@code .csv} path, as CSV.
 */
@Path("/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {
    static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";
    static final String ENTRY_CURSOR = EntryQuery.CURSOR;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_USAGE_GROUPS = 10_000;
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
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE })
    public Response entries(@PathParam("id") String id, @QueryParam("type") String type, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        EntryPage page = page(id, type, from, to, cursor, limit);
        return wantsCsv(accept) ? entriesCsv(page) : Response.ok(page, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("accounts/{id}/entries.csv")
    @Produces(CsvWriter.MEDIA_TYPE)
    public Response entriesCsv(@PathParam("id") String id, @QueryParam("type") String type, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return entriesCsv(page(id, type, from, to, cursor, limit));
    }

    @GET
    @Path("requests/{requestId}")
    public RequestEntries request(@PathParam("requestId") String requestId) {
        return new RequestEntries(requestId, queries.request(requestId));
    }

    @GET
    @Path("usage")
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE })
    public Response usage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group_by") String groupBy, @QueryParam("account") String account,
            @QueryParam("limit") String limit, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UsageView view = usageView(from, to, groupBy, account, limit);
        return wantsCsv(accept) ? csv(Csv.usage(view), null) : Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("usage.csv")
    @Produces(CsvWriter.MEDIA_TYPE)
    public Response usageCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group_by") String groupBy, @QueryParam("account") String account,
            @QueryParam("limit") String limit) {
        return csv(Csv.usage(usageView(from, to, groupBy, account, limit)), null);
    }

    @GET
    @Path("integrity")
    public IntegrityReport integrity() {
        return integrity.check();
    }

    private UsageView usageView(String from, String to, String groupBy, String account, String limit) {
        UsageService.GroupBy group = ReportQueries.groupBy(groupBy);
        Instant end = orDefault(Inputs.rangeEnd("to", to), Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        Instant start = orDefault(Inputs.rangeStart("from", from), end.minus(DEFAULT_USAGE_RANGE));
        Inputs.orderedRange(start, end);
        return usage.view(group, start, end, Inputs.queryId("account", account),
                Inputs.limitParam(limit, MAX_USAGE_GROUPS, MAX_USAGE_GROUPS));
    }

    private EntryPage page(String id, String type, String from, String to, String cursor, String limit) {
        long accountId = Inputs.pathId("id", id);
        return queries.entries(accountId,
                ReportQueries.entries(type, from, to, cursor, Inputs.limitParam(limit, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    private static Response entriesCsv(EntryPage page) {
        return csv(Csv.entries(page.items()), page.nextCursor());
    }

    static boolean wantsCsv(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(CsvWriter.MEDIA_TYPE);
    }

    /** A CSV answer; the next page's cursor, if any, is in the {@code X-Next-Cursor} header. */
    static Response csv(String body, String nextCursor) {
        Response.ResponseBuilder r = Response.ok(body, CsvWriter.MEDIA_TYPE + "; charset=UTF-8");
        if (nextCursor != null) {
            r.header(NEXT_CURSOR_HEADER, nextCursor);
        }
        return r.build();
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}

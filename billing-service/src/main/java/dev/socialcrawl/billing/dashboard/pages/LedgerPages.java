package dev.socialcrawl.billing.dashboard.pages;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.dashboard.user.Role;
import dev.socialcrawl.billing.dashboard.view.Href;
import dev.socialcrawl.billing.ledger.EntryView;
import dev.socialcrawl.billing.report.Csv;
import dev.socialcrawl.billing.report.EntryPage;
import dev.socialcrawl.billing.report.EntryQuery;
import dev.socialcrawl.billing.report.LedgerQueryService;
import dev.socialcrawl.billing.report.ReportQueries;
import dev.socialcrawl.errors.ApiException;

/**
 * The account's ledger, oldest first within the chosen range, 50 entries a page; the whole range as one CSV file (the
 * same columns and cell rules as the ledger API's CSV).
 */
@Path("/dashboard")
@DashboardPage
@Blocking
@RolesAllowed({ Role.Names.CUSTOMER, Role.Names.BILLING, Role.Names.BILLING_ADMIN })
public class LedgerPages {
    private static final int PAGE_SIZE = 50;
    private static final int CSV_PAGE = 1000;

    private final Viewer viewer;
    private final LedgerQueryService ledger;
    private final int csvMaxRows;

    public LedgerPages(Viewer viewer, LedgerQueryService ledger, BillingConfig config) {
        this.viewer = viewer;
        this.ledger = ledger;
        this.csvMaxRows = config.dashboard().csvMaxRows();
    }

    @GET
    @Path("ledger")
    @Produces(Pages.HTML)
    public Response ledger(@QueryParam("account") String account, @QueryParam("type") String type,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor) {
        long id = viewer.account(account);
        Long named = viewer.seesAllAccounts() ? id : null;
        Href first = Href.of(Section.LEDGER.path).with("account", named).with("type", type).with("from", from).with("to", to);
        String csv = Href.of("/dashboard/ledger.csv").with("account", named).with("type", type).with("from", from)
                .with("to", to).toString();
        PageData.LedgerFilter filter = new PageData.LedgerFilter(ActivityPage.blank(type), ActivityPage.blank(from),
                ActivityPage.blank(to), first.toString());
        try {
            EntryPage page = ledger.entries(id, ReportQueries.entries(type, from, to, cursor, PAGE_SIZE));
            String next = page.nextCursor() == null ? null : first.with("cursor", page.nextCursor()).toString();
            return Response.ok(Pages.ledger(viewer.chrome("Ledger", Section.LEDGER, id), filter, page.items(), next, csv, null,
                    csvMaxRows)).build();
        } catch (ApiException e) {
            return Response.status(e.code().status()).entity(Pages.ledger(viewer.chrome("Ledger", Section.LEDGER, id), filter,
                    List.of(), null, csv, e.getMessage(), csvMaxRows)).build();
        }
    }

    /** Every entry of the range (at most {@code billing.dashboard.csv-max-rows}), as a file to save. */
    @GET
    @Path("ledger.csv")
    @Produces(Downloads.CSV)
    public Response ledgerCsv(@QueryParam("account") String account, @QueryParam("type") String type,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        long id = viewer.account(account);
        List<EntryView> rows = new ArrayList<>();
        String cursor = null;
        do {
            EntryQuery query = ReportQueries.entries(type, from, to, cursor, Math.min(CSV_PAGE, csvMaxRows - rows.size()));
            EntryPage page = ledger.entries(id, query);
            rows.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < csvMaxRows);
        return Downloads.csv(Csv.entries(rows), "ledger-account-" + id + ".csv");
    }
}

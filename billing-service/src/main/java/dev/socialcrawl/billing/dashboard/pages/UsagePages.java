package dev.socialcrawl.billing.dashboard.pages;

import java.time.Clock;
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
import dev.socialcrawl.billing.dashboard.view.SvgChart;
import dev.socialcrawl.billing.report.Csv;
import dev.socialcrawl.billing.report.ReportQueries;
import dev.socialcrawl.billing.report.UsageService;
import dev.socialcrawl.billing.report.UsageView;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.errors.ApiException;

/**
 * Usage from the ledger (debits net of refunds, by UTC day): an account's by day and by endpoint, and the billing
 * team's report over all accounts by account, endpoint or day; each as charts, a table and CSV. The same numbers and
 * CSV columns as {@code GET /ledger/usage}.
 */
@Path("/dashboard")
@DashboardPage
@Blocking
public class UsagePages {
    private static final String BILLING = Role.Names.BILLING;
    private static final String ADMIN = Role.Names.BILLING_ADMIN;
    private static final int TOP_ENDPOINTS = 25;
    private static final int REPORT_GROUPS = 200;

    private final Viewer viewer;
    private final UsageService usage;
    private final Clock clock;
    private final int csvMaxRows;

    public UsagePages(Viewer viewer, UsageService usage, Clock clock, BillingConfig config) {
        this.viewer = viewer;
        this.usage = usage;
        this.clock = clock;
        this.csvMaxRows = config.dashboard().csvMaxRows();
    }

    @GET
    @Path("usage")
    @Produces(Pages.HTML)
    @RolesAllowed({ Role.Names.CUSTOMER, BILLING, ADMIN })
    public Response accountUsage(@QueryParam("account") String account, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        long id = viewer.account(account);
        Long named = viewer.seesAllAccounts() ? id : null;
        try {
            Ranges.Range range = Ranges.Range.parse(from, to, clock);
            List<UsageView.Item> days = usage.usage(UsageService.GroupBy.DAY, range.from(), range.to(), id, csvMaxRows).items();
            List<UsageView.Item> endpoints = byCredits(
                    usage.usage(UsageService.GroupBy.ENDPOINT, range.from(), range.to(), id, csvMaxRows).items());
            PageData.Usage data = new PageData.Usage(range.firstDay(), range.lastDay(),
                    SvgChart.columns("usage-by-day", "Credits spent per day", "credits", Ranges.days(range, days)),
                    SvgChart.rows("usage-by-endpoint", "Credits spent per endpoint (top " + TOP_ENDPOINTS + ")", "credits",
                            Ranges.bars(endpoints.stream().limit(TOP_ENDPOINTS).toList())),
                    days, endpoints, csvHref("/dashboard/usage.csv", "day", range, named),
                    csvHref("/dashboard/usage.csv", "endpoint", range, named), null);
            return Response.ok(Pages.usage(viewer.chrome("Usage", Section.USAGE, id), data)).build();
        } catch (ApiException e) {
            PageData.Usage data = new PageData.Usage(ActivityPage.blank(from), ActivityPage.blank(to), null, null, List.of(),
                    List.of(), null, null, e.getMessage());
            return Response.status(e.code().status()).entity(Pages.usage(viewer.chrome("Usage", Section.USAGE, id), data)).build();
        }
    }

    /** One account's usage by day or endpoint as CSV; a customer's is its own account's. */
    @GET
    @Path("usage.csv")
    @Produces(Downloads.CSV)
    @RolesAllowed({ Role.Names.CUSTOMER, BILLING, ADMIN })
    public Response accountUsageCsv(@QueryParam("account") String account, @QueryParam("group_by") String groupBy,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        long id = viewer.account(account);
        UsageService.GroupBy group = ReportQueries.groupBy(groupBy);
        if (group == UsageService.GroupBy.ACCOUNT) {
            throw Inputs.invalid("Parameter 'group_by' must be 'endpoint' or 'day' for one account.");
        }
        Ranges.Range range = Ranges.Range.parse(from, to, clock);
        UsageView view = usage.view(group, range.from(), range.to(), id, csvMaxRows);
        return Downloads.csv(Csv.usage(view), "usage-by-" + group.wire() + "-account-" + id + ".csv");
    }

    @GET
    @Path("reports/usage")
    @Produces(Pages.HTML)
    @RolesAllowed({ BILLING, ADMIN })
    public Response report(@QueryParam("group_by") String groupBy, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("account") String account) {
        try {
            UsageService.GroupBy group = ReportQueries.groupBy(groupBy == null || groupBy.isBlank() ? "account" : groupBy);
            Ranges.Range range = Ranges.Range.parse(from, to, clock);
            Long accountId = Inputs.queryId("account", account);
            UsageView view = usage.view(group, range.from(), range.to(), accountId, REPORT_GROUPS);
            String title = "Credits spent per " + group.wire();
            PageData.Report data = new PageData.Report(group.wire(), range.firstDay(), range.lastDay(),
                    accountId == null ? "" : accountId.toString(),
                    group == UsageService.GroupBy.DAY
                            ? SvgChart.columns("report-chart", title, "credits", Ranges.days(range, view.items()))
                            : SvgChart.rows("report-chart", title + " (top " + TOP_ENDPOINTS + ")", "credits",
                                    Ranges.bars((group == UsageService.GroupBy.ENDPOINT ? byCredits(view.items()) : view.items())
                                            .stream().limit(TOP_ENDPOINTS).toList())),
                    view.items(), view.truncated(), Href.of("/dashboard/reports/usage.csv").with("group_by", group.wire())
                            .with("from", range.firstDay()).with("to", range.lastDay()).with("account", accountId).toString(),
                    null);
            return Response.ok(Pages.report(viewer.chrome("Usage report", Section.REPORT, null), data)).build();
        } catch (ApiException e) {
            PageData.Report data = new PageData.Report(ActivityPage.blank(groupBy), ActivityPage.blank(from),
                    ActivityPage.blank(to), ActivityPage.blank(account), null, List.of(), false, null, e.getMessage());
            return Response.status(e.code().status()).entity(Pages.report(viewer.chrome("Usage report", Section.REPORT, null), data))
                    .build();
        }
    }

    /** The report as CSV: every account, endpoint or day of the range (at most {@code billing.dashboard.csv-max-rows}). */
    @GET
    @Path("reports/usage.csv")
    @Produces(Downloads.CSV)
    @RolesAllowed({ BILLING, ADMIN })
    public Response reportCsv(@QueryParam("group_by") String groupBy, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("account") String account) {
        UsageService.GroupBy group = ReportQueries.groupBy(groupBy == null || groupBy.isBlank() ? "account" : groupBy);
        Ranges.Range range = Ranges.Range.parse(from, to, clock);
        UsageView view = usage.view(group, range.from(), range.to(), Inputs.queryId("account", account), csvMaxRows);
        return Downloads.csv(Csv.usage(view), "usage-by-" + group.wire() + ".csv");
    }

    private static List<UsageView.Item> byCredits(List<UsageView.Item> items) {
        return items.stream().sorted((a, b) -> Long.compare(b.credits(), a.credits())).toList();
    }

    private static String csvHref(String path, String groupBy, Ranges.Range range, Long account) {
        return Href.of(path).with("group_by", groupBy).with("from", range.firstDay()).with("to", range.lastDay())
                .with("account", account).toString();
    }
}

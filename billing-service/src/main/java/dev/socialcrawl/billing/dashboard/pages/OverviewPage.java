package dev.socialcrawl.billing.dashboard.pages;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.activity.ActivityParams;
import dev.socialcrawl.billing.activity.ActivityQueryService;
import dev.socialcrawl.billing.apikey.ApiKeyService;
import dev.socialcrawl.billing.audit.AuditQueryService;
import dev.socialcrawl.billing.audit.AuditView;
import dev.socialcrawl.billing.dashboard.user.Role;
import dev.socialcrawl.billing.dashboard.view.SvgChart;
import dev.socialcrawl.billing.report.BalanceService;
import dev.socialcrawl.billing.report.UsageService;

/**
 * An account at a glance: balance, credits spent in the last 24 hours and 7 days, a chart of the last 30 days, its
 * keys and latest requests. The billing team also sees its audit trail; {@code billing-admin} gets the credit form.
 */
@Path("/dashboard/overview")
@DashboardPage
@Blocking
@Produces(Pages.HTML)
@RolesAllowed({ Role.Names.CUSTOMER, Role.Names.BILLING, Role.Names.BILLING_ADMIN })
public class OverviewPage {
    private static final int RECENT = 10;
    private static final int AUDIT_ROWS = 20;

    private final Viewer viewer;
    private final AccountService accounts;
    private final BalanceService balances;
    private final UsageService usage;
    private final ApiKeyService keys;
    private final ActivityQueryService activity;
    private final AuditQueryService audit;
    private final Clock clock;

    public OverviewPage(Viewer viewer, AccountService accounts, BalanceService balances, UsageService usage, ApiKeyService keys,
            ActivityQueryService activity, AuditQueryService audit, Clock clock) {
        this.viewer = viewer;
        this.accounts = accounts;
        this.balances = balances;
        this.usage = usage;
        this.keys = keys;
        this.activity = activity;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    public TemplateInstance overview(@QueryParam("account") String account, @QueryParam("credited") String credited) {
        long id = viewer.account(account);
        Ranges.Range last30 = Ranges.Range.parse(null, null, clock);
        List<SvgChart.Bar> days = Ranges.days(last30,
                usage.usage(UsageService.GroupBy.DAY, last30.from(), last30.to(), id, Ranges.DEFAULT_DAYS + 1).items());
        List<AuditView> trail = viewer.seesAllAccounts()
                ? audit.page(new AuditQueryService.Query(null, null, id, 0, AUDIT_ROWS)).items()
                : List.of();
        String notice = credited == null ? null : "Credits added: ledger entry " + credited + ".";
        PageData.Overview data = new PageData.Overview(accounts.get(id), balances.balance(id),
                SvgChart.columns("spend-by-day", "Credits spent per day, last 30 days", "credits", days), keys.list(id),
                activity.page(ActivityParams.query(id, null, null, null, null, null, null, Integer.toString(RECENT)), false)
                        .items(),
                trail, viewer.seesAllAccounts(), viewer.isAdmin(), "dashboard-" + UUID.randomUUID(), notice);
        return Pages.overview(viewer.chrome("Overview", Section.OVERVIEW, id), data);
    }
}

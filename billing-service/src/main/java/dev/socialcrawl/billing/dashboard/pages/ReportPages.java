package dev.socialcrawl.billing.dashboard.pages;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

import dev.socialcrawl.billing.audit.AuditQueryService;
import dev.socialcrawl.billing.audit.AuditView;
import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.dashboard.user.Role;
import dev.socialcrawl.billing.dashboard.view.Href;
import dev.socialcrawl.billing.report.IntegrityService;
import dev.socialcrawl.billing.report.LowBalanceService;
import dev.socialcrawl.billing.report.LowBalanceView;
import dev.socialcrawl.billing.report.UnsettledDebitService;
import dev.socialcrawl.errors.ApiException;

/** The billing team's ledger health pages: low balances, unsettled debits, the integrity check and the audit log. */
@Path("/dashboard")
@DashboardPage
@Blocking
@Produces(Pages.HTML)
@RolesAllowed({ Role.Names.BILLING, Role.Names.BILLING_ADMIN })
public class ReportPages {
    private static final int PAGE_SIZE = 50;
    private static final int UNSETTLED_ROWS = 200;

    private final Viewer viewer;
    private final LowBalanceService lowBalance;
    private final UnsettledDebitService unsettled;
    private final IntegrityService integrity;
    private final AuditQueryService audit;
    private final BillingConfig config;

    public ReportPages(Viewer viewer, LowBalanceService lowBalance, UnsettledDebitService unsettled, IntegrityService integrity,
            AuditQueryService audit, BillingConfig config) {
        this.viewer = viewer;
        this.lowBalance = lowBalance;
        this.unsettled = unsettled;
        this.integrity = integrity;
        this.audit = audit;
        this.config = config;
    }

    /** Accounts below the configured threshold ({@code billing.low-balance.threshold}), lowest first. */
    @GET
    @Path("low-balance")
    public TemplateInstance lowBalance(@QueryParam("cursor") String cursor) {
        LowBalanceView view = lowBalance.below(config.lowBalance().threshold(), LowBalanceService.After.parse(cursor), PAGE_SIZE);
        String next = view.nextCursor() == null ? null : Href.of(Section.LOW_BALANCE.path).with("cursor", view.nextCursor()).toString();
        return Pages.lowBalance(viewer.chrome("Low balance", Section.LOW_BALANCE, null), view, next);
    }

    @GET
    @Path("unsettled")
    public TemplateInstance unsettled() {
        return Pages.unsettled(viewer.chrome("Unsettled debits", Section.UNSETTLED, null), unsettled.oldest(UNSETTLED_ROWS),
                config.sweeper().unsettledAfter().toMinutes() + " minutes");
    }

    /** Runs the check now (it reads the whole ledger in one snapshot). */
    @GET
    @Path("integrity")
    public TemplateInstance integrity() {
        return Pages.integrity(viewer.chrome("Integrity", Section.INTEGRITY, null), integrity.check());
    }

    /** Every admin write, newest first; with {@code account=} that account's trail, as a tab of the account. */
    @GET
    @Path("audit")
    public Response audit(@QueryParam("account") String account, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        Long accountId = account == null || account.isBlank() ? null : viewer.account(account);
        Section section = accountId == null ? Section.AUDIT : Section.ACCOUNT_AUDIT;
        Href first = Href.of(Section.AUDIT.path).with("account", accountId).with("from", from).with("to", to);
        PageData.AuditFilter filter = new PageData.AuditFilter(ActivityPage.blank(account), ActivityPage.blank(from),
                ActivityPage.blank(to), first.toString());
        try {
            AuditView.Page page = audit.page(AuditQueryService.Query.parse(from, to, account, cursor, PAGE_SIZE));
            String next = page.nextCursor() == null ? null : first.with("cursor", page.nextCursor()).toString();
            return Response.ok(Pages.audit(viewer.chrome("Audit log", section, accountId), filter, page.items(), next, null))
                    .build();
        } catch (ApiException e) {
            return Response.status(e.code().status())
                    .entity(Pages.audit(viewer.chrome("Audit log", section, accountId), filter, List.of(), null, e.getMessage()))
                    .build();
        }
    }
}

package dev.socialcrawl.billing.dashboard.pages;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.socialcrawl.billing.account.AccountView;
import dev.socialcrawl.billing.activity.ActivityItem;
import dev.socialcrawl.billing.apikey.KeyViews;
import dev.socialcrawl.billing.audit.AuditView;
import dev.socialcrawl.billing.dashboard.user.UserViews;
import dev.socialcrawl.billing.dashboard.view.Chrome;
import dev.socialcrawl.billing.ledger.EntryView;
import dev.socialcrawl.billing.report.IntegrityReport;
import dev.socialcrawl.billing.report.LowBalanceView;
import dev.socialcrawl.billing.report.UnsettledDebitService;

/** The dashboard's pages: Qute templates under {@code templates/dashboard/}, checked against these parameters at build. */
@CheckedTemplate(basePath = "dashboard")
final class Pages {
    /** The media type of every page: HTML in UTF-8. */
    static final String HTML = "text/html;charset=UTF-8";

    private Pages() {
    }

    static native TemplateInstance login(Chrome chrome, String error, String notice, String name);

    static native TemplateInstance password(Chrome chrome, String error, boolean forced, int minLength);

    static native TemplateInstance overview(Chrome chrome, PageData.Overview data);

    static native TemplateInstance keys(Chrome chrome, List<KeyViews.Listed> keys, KeyViews.Created created, String notice,
            String error, boolean canChange, int maxActive);

    static native TemplateInstance revoke(Chrome chrome, KeyViews.Listed key);

    static native TemplateInstance activity(Chrome chrome, PageData.ActivityFilter filter, List<ActivityItem> items,
            String nextHref, String error);

    static native TemplateInstance ledger(Chrome chrome, PageData.LedgerFilter filter, List<EntryView> items, String nextHref,
            String csvHref, String error, int csvMaxRows);

    static native TemplateInstance usage(Chrome chrome, PageData.Usage data);

    static native TemplateInstance accounts(Chrome chrome, String query, List<AccountView> items, String nextHref,
            boolean canCreate, String error);

    static native TemplateInstance report(Chrome chrome, PageData.Report data);

    static native TemplateInstance lowBalance(Chrome chrome, LowBalanceView view, String nextHref);

    static native TemplateInstance unsettled(Chrome chrome, UnsettledDebitService.Listing listing, String bound);

    static native TemplateInstance integrity(Chrome chrome, IntegrityReport report);

    static native TemplateInstance audit(Chrome chrome, PageData.AuditFilter filter, List<AuditView> items, String nextHref,
            String error);

    static native TemplateInstance users(Chrome chrome, List<UserViews.Listed> users, UserViews.Created created,
            UserViews.Reset reset, String error, long selfId);
}

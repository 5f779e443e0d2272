package dev.socialcrawl.billing.dashboard.pages;

import java.util.List;

import io.quarkus.qute.RawString;

import dev.socialcrawl.billing.account.AccountView;
import dev.socialcrawl.billing.activity.ActivityItem;
import dev.socialcrawl.billing.apikey.KeyViews;
import dev.socialcrawl.billing.audit.AuditView;
import dev.socialcrawl.billing.report.BalanceView;
import dev.socialcrawl.billing.report.UsageView;

/** What the bigger pages show, one record each; filters are echoed back as typed, so a form keeps its values. */
public final class PageData {
    private PageData() {
    }

    /**
     * An account at a glance: balance, spend, spend per day, keys, latest requests; for the billing team also its
     * audit trail, and for {@code billing-admin} the credit form (its idempotency key makes a resent form harmless).
     */
    public record Overview(AccountView account, BalanceView balance, RawString chart, List<KeyViews.Listed> keys,
            List<ActivityItem> activity, List<AuditView> audit, boolean showAudit, boolean canCredit, String idempotencyKey,
            String notice) {
    }

    public record ActivityFilter(String from, String to, String status, String endpoint, String requestId, String firstHref) {
    }

    public record LedgerFilter(String type, String from, String to, String firstHref) {
    }

    /** An account's usage by day and by endpoint, as charts and tables, with their CSV downloads. */
    public record Usage(String from, String to, RawString byDay, RawString byEndpoint, List<UsageView.Item> days,
            List<UsageView.Item> endpoints, String dayCsv, String endpointCsv, String error) {
    }

    /** The billing team's usage report, grouped by account, endpoint or day. */
    public record Report(String groupBy, String from, String to, String account, RawString chart, List<UsageView.Item> items,
            boolean truncated, String csvHref, String error) {
    }

    public record AuditFilter(String account, String from, String to, String firstHref) {
    }
}

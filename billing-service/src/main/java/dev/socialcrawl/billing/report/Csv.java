package dev.socialcrawl.billing.report;

import java.util.List;

import dev.socialcrawl.billing.ledger.EntryView;
import dev.socialcrawl.billing.web.CsvWriter;

/** The CSV forms of the ledger listings, with the same columns as their JSON forms (the API's and the dashboard's). */
public final class Csv {
    static final String ENTRIES_HEADER = "id,account_id,type,amount,balance_after,request_id,endpoint,refund_of,note,created_at,settled_at";

    private Csv() {
    }

    public static String entries(List<EntryView> entries) {
        CsvWriter csv = new CsvWriter(ENTRIES_HEADER.split(","));
        for (EntryView e : entries) {
            csv.row(e.id(), e.accountId(), e.type(), e.amount(), e.balanceAfter(), e.requestId(), e.endpoint(), e.refundOf(),
                    e.note(), e.createdAt(), e.settledAt());
        }
        return csv.toString();
    }

    public static String usage(UsageView usage) {
        boolean byAccount = UsageService.GroupBy.ACCOUNT.wire().equals(usage.groupBy());
        CsvWriter csv = byAccount ? new CsvWriter("account_id", "name", "requests", "refunded", "credits")
                : new CsvWriter(usage.groupBy(), "requests", "refunded", "credits");
        for (UsageView.Item item : usage.items()) {
            if (byAccount) {
                csv.row(item.accountId(), item.name(), item.requests(), item.refunded(), item.credits());
            } else {
                csv.row(item.key(), item.requests(), item.refunded(), item.credits());
            }
        }
        return csv.toString();
    }
}

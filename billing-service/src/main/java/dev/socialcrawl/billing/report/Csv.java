package dev.socialcrawl.billing.report;

import java.util.List;

import dev.socialcrawl.billing.ledger.EntryView;

/** RFC 4180 CSV of ledger entries, with the same columns as the JSON form. */
final class Csv {
    static final String HEADER = "id,account_id,type,amount,balance_after,request_id,endpoint,refund_of,note,created_at,settled_at";

    private Csv() {
    }

    static String of(List<EntryView> entries) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (EntryView e : entries) {
            out.append(e.id()).append(',')
                    .append(e.accountId()).append(',')
                    .append(e.type()).append(',')
                    .append(e.amount()).append(',')
                    .append(e.balanceAfter()).append(',')
                    .append(cell(e.requestId())).append(',')
                    .append(cell(e.endpoint())).append(',')
                    .append(e.refundOf() == null ? "" : e.refundOf()).append(',')
                    .append(cell(e.note())).append(',')
                    .append(e.createdAt()).append(',')
                    .append(e.settledAt() == null ? "" : e.settledAt()).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}

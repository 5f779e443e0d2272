package dev.socialcrawl.billing.report;

import java.time.Instant;

import dev.socialcrawl.billing.ledger.EntryType;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.billing.web.PageCursor;

/**
 * The ledger reads' query parameters, checked the same way for the ledger API and the dashboard: each bad one is a
 * 400 naming it.
 */
public final class ReportQueries {
    private ReportQueries() {
    }

    /** {@code type}, {@code from}, {@code to} and {@code cursor} of an entries listing, with its page size. */
    public static EntryQuery entries(String type, String from, String to, String cursor, int limit) {
        EntryType entryType = null;
        if (type != null && !type.isBlank()) {
            entryType = EntryType.fromWire(type.strip());
            if (entryType == null) {
                throw Inputs.invalid("Parameter 'type' must be one of " + EntryType.allWire() + ".");
            }
        }
        Instant start = Inputs.rangeStart("from", from);
        Instant end = Inputs.rangeEnd("to", to);
        Inputs.orderedRange(start, end);
        return new EntryQuery(entryType, start, end, PageCursor.decodeId(cursor, EntryQuery.CURSOR), limit);
    }

    /** {@code group_by} of the usage report; {@code endpoint} when absent. */
    public static UsageService.GroupBy groupBy(String raw) {
        if (raw == null || raw.isBlank()) {
            return UsageService.GroupBy.ENDPOINT;
        }
        return switch (raw.strip()) {
            case "endpoint" -> UsageService.GroupBy.ENDPOINT;
            case "day" -> UsageService.GroupBy.DAY;
            case "account" -> UsageService.GroupBy.ACCOUNT;
            default -> throw Inputs.invalid("Parameter 'group_by' must be 'account', 'endpoint' or 'day'.");
        };
    }
}

package dev.socialcrawl.billing.report;

import java.time.Instant;

import dev.socialcrawl.billing.ledger.EntryType;

/** Filters of the entries listing; {@code null} means "no filter". */
public record EntryQuery(EntryType type, Instant from, Instant to, long afterId, int limit) {
    /** Kind of the entries listing's cursors. */
    public static final String CURSOR = "e";
}

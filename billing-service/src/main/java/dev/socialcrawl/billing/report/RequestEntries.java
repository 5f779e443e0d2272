package dev.socialcrawl.billing.report;

import java.util.List;

import dev.socialcrawl.billing.ledger.EntryView;

public record RequestEntries(String requestId, List<EntryView> items) {
}

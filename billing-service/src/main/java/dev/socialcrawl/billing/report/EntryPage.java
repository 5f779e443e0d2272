package dev.socialcrawl.billing.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.socialcrawl.billing.ledger.EntryView;

public record EntryPage(List<EntryView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}

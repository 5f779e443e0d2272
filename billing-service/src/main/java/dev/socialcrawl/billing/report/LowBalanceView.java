package dev.socialcrawl.billing.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Accounts whose balance is below {@code below}, lowest balance first; {@code total} counts them all. */
public record LowBalanceView(long below, long total, List<Item> items,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    public record Item(long accountId, String name, long balance) {
    }
}

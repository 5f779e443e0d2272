package dev.socialcrawl.billing.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged listing, read with one row more than {@code limit}: that extra row only says a next
 * page exists, and the cursor points after the last row shown.
 */
public record Slice<T>(List<T> items, String nextCursor) {

    public static <T> Slice<T> of(List<T> rowsAndOneMore, int limit, Function<T, String> cursorAfter) {
        if (rowsAndOneMore.size() <= limit) {
            return new Slice<>(rowsAndOneMore, null);
        }
        List<T> items = List.copyOf(rowsAndOneMore.subList(0, limit));
        return new Slice<>(items, cursorAfter.apply(items.get(limit - 1)));
    }
}

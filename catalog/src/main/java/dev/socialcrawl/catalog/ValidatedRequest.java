package dev.socialcrawl.catalog;

import java.util.SortedMap;

/** A catalogue request whose params passed every check; {@code params} are decoded and sorted by name. */
public record ValidatedRequest(Endpoint endpoint, SortedMap<String, String> params) {

    public boolean raw() {
        return "raw".equals(params.get(Catalog.FORMAT_PARAM));
    }
}

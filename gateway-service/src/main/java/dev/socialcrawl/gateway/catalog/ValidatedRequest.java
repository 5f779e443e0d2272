package dev.socialcrawl.gateway.catalog;

import java.util.SortedMap;

import dev.socialcrawl.catalog.Endpoint;

/** A catalogue request whose params passed every check; {@code params} are decoded and sorted by name. */
public record ValidatedRequest(Endpoint endpoint, SortedMap<String, String> params) {

    public boolean raw() {
        return "raw".equals(params.get(dev.socialcrawl.catalog.Catalog.FORMAT_PARAM));
    }
}

package dev.socialcrawl.proxy.normalize;

import java.util.List;

import dev.socialcrawl.catalog.data.UnifiedSchema;

/** One field map ({@code fieldmaps/{name}.json}): a rule for every field of the unified Author or Post. */
public record FieldMap(String name, UnifiedSchema.Kind kind, List<FieldRule> rules) {
    public FieldMap {
        rules = List.copyOf(rules);
    }
}

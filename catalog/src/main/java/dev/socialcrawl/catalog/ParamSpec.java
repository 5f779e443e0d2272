package dev.socialcrawl.catalog;

import java.util.List;

/** One query parameter an endpoint accepts. {@code values} is non-empty exactly for {@link ParamType#ENUM}. */
public record ParamSpec(String name, ParamType type, List<String> values) {
    public ParamSpec {
        values = values == null ? List.of() : List.copyOf(values);
    }
}

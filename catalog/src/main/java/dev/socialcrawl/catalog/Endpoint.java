package dev.socialcrawl.catalog;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sold endpoint: {@code GET /v1/{platform}/{resource}}.
 *
 * @param required params that must be present and non-empty
 * @param oneOf groups of which at least one member must be present
 * @param params every accepted param (required, oneOf members and optional ones), by name, in catalogue order
 * @param fieldMap name of the Author/Post field map, or {@code null} for passthrough endpoints
 * @param cacheTtl per-endpoint TTL override from the catalogue, or {@code null} for the archetype default
 */
public record Endpoint(
        String platform,
        String resource,
        Tier tier,
        Archetype archetype,
        List<String> required,
        List<List<String>> oneOf,
        Map<String, ParamSpec> params,
        String fieldMap,
        Duration cacheTtl) {

    public Endpoint {
        required = List.copyOf(required);
        oneOf = oneOf.stream().map(List::copyOf).toList();
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The public path, e.g. {@code /v1/tiktok/profile}. */
    public String path() {
        return "/v1/" + platform + "/" + resource;
    }

    public long cost() {
        return tier.credits();
    }

    public Optional<ParamSpec> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public Optional<String> fieldMapName() {
        return Optional.ofNullable(fieldMap);
    }
}

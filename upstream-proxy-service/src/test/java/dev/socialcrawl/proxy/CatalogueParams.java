package dev.socialcrawl.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.ParamSpec;
import dev.socialcrawl.catalog.Platform;

/** Valid params for any catalogue endpoint, built from the catalogue itself (as the gateway would accept them). */
public final class CatalogueParams {
    private CatalogueParams() {
    }

    public static Map<String, String> validFor(Catalog catalog, Endpoint endpoint) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : endpoint.required()) {
            params.put(name, value(catalog, endpoint, endpoint.params().get(name)));
        }
        for (List<String> group : endpoint.oneOf()) {
            String first = group.get(0);
            params.putIfAbsent(first, value(catalog, endpoint, endpoint.params().get(first)));
        }
        return params;
    }

    /** A valid value of a param whose text starts with {@code word} where the type allows it. */
    public static String magic(Catalog catalog, Endpoint endpoint, ParamSpec spec, String word) {
        return switch (spec.type()) {
            case URL -> "https://www." + host(catalog, endpoint) + "/@" + word + "_user/video/7321485815660738859";
            default -> word + "_value";
        };
    }

    static String value(Catalog catalog, Endpoint endpoint, ParamSpec spec) {
        return switch (spec.type()) {
            case HANDLE -> "sandbox_creator";
            case URL -> "https://www." + host(catalog, endpoint) + "/@sandbox_creator/video/7321485815660738859";
            case SUBREDDIT -> "AskReddit";
            case INT -> "1";
            case BOOL -> "true";
            case ENUM -> spec.values().get(0);
            case STRING -> "abc123";
        };
    }

    private static String host(Catalog catalog, Endpoint endpoint) {
        Platform p = catalog.platform(endpoint.platform()).orElseThrow();
        return p.urlHosts().isEmpty() ? "images.example.com" : p.urlHosts().get(0);
    }
}

package dev.socialcrawl.proxy.sandbox;

import static dev.socialcrawl.proxy.sandbox.Json.arr;
import static dev.socialcrawl.proxy.sandbox.Json.obj;

import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Archetype;
import dev.socialcrawl.catalog.Endpoint;

/** The sandbox's raw payload for any catalogue endpoint, deterministic from the endpoint and its params. */
public final class SandboxPayloads {
    private SandboxPayloads() {
    }

    public static JsonNode generate(Endpoint endpoint, Map<String, String> params) {
        Seeded s = new Seeded(endpoint.path() + "?" + new TreeMap<>(params));
        String handle = handle(endpoint.platform(), params, s);
        String platform = endpoint.platform();
        return switch (endpoint.archetype()) {
            case AUTHOR -> endpoint.fieldMap() != null || platform.equals("instagram")
                    ? RawShapes.author(platform, s, handle)
                    : passthroughAuthor(endpoint, s, handle);
            case POST -> endpoint.fieldMap() != null ? RawShapes.post(platform, s, handle)
                    : passthroughPost(endpoint, s, handle);
            case COMMENT -> obj("comment", RawShapes.comment(platform, s));
            case POST_LIST, COMMENT_LIST, SEARCH_RESULT -> ListPayloads.list(endpoint, s, handle);
            case AUDIENCE -> obj("audience", obj(
                    "genders", obj("female", 0.54, "male", 0.44, "other", 0.02),
                    "ages", arr(obj("range", "18-24", "share", 0.41), obj("range", "25-34", "share", 0.33),
                            obj("range", "35-44", "share", 0.17), obj("range", "45+", "share", 0.09)),
                    "countries", arr(obj("code", "US", "share", 0.38), obj("code", "GB", "share", 0.11),
                            obj("code", "BR", "share", 0.08))),
                    "handle", handle);
            case ANALYTICS -> analytics(endpoint, s, handle);
        };
    }

    /** The same request's payload with no usable data, still in the platform's shape. */
    public static JsonNode empty(Endpoint endpoint, Map<String, String> params) {
        JsonNode full = generate(endpoint, params);
        if (endpoint.archetype().isList()) {
            return emptied(full);
        }
        if (endpoint.archetype() == Archetype.AUDIENCE) {
            return obj("audience", null);
        }
        if (endpoint.fieldMap() != null && full.isObject()) {
            ObjectNode shell = JsonNodeFactory.instance.objectNode();
            full.fieldNames().forEachRemaining(k -> shell.putNull(k));
            return shell;
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode emptied(JsonNode node) {
        if (node.isArray()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals("has_more") || k.equals("more_available")) {
                copy.put(k, false);
            } else {
                copy.set(k, emptied(e.getValue()));
            }
        }
        return copy;
    }

    private static ObjectNode passthroughAuthor(Endpoint endpoint, Seeded s, String handle) {
        if (endpoint.path().equals("/v1/twitter/community")) {
            return obj("community_results", obj("result", obj("rest_id", s.digits(19), "name", s.fullName() + " fans",
                    "description", s.sentence(), "member_count", s.between(100, 90_000),
                    "created_at", s.recentEpochSeconds() * 1000, "join_policy", "Open")));
        }
        return RawShapes.linkPage(endpoint.platform(), s, handle);
    }

    private static ObjectNode passthroughPost(Endpoint endpoint, Seeded s, String handle) {
        String resource = endpoint.resource();
        String platform = endpoint.platform();
        if (resource.contains("transcript")) {
            return obj("id", s.digits(19), "language", "en", "transcript", s.sentence() + " " + s.sentence(),
                    "segments", arr(obj("start", 0.0, "end", 4.2, "text", s.sentence()),
                            obj("start", 4.2, "end", 9.8, "text", s.sentence())));
        }
        if (resource.equals("song")) {
            return obj("music_info", obj("id", s.digits(19), "title", s.sentence(), "author", s.fullName(),
                    "duration", s.between(15, 60), "user_count", s.between(100, 2_000_000),
                    "play_url", obj("url_list", arr(s.video("sf16-ies-music-va.tiktokcdn.com")))));
        }
        if (resource.startsWith("shop/") || platform.equals("amazon")) {
            return obj("product", obj("product_id", s.digits(19), "title", s.sentence(),
                    "price", obj("amount", s.between(199, 99_99) / 100.0, "currency", "USD"),
                    "sold_count", s.between(0, 100_000), "rating", 4.6,
                    "images", arr(s.image("p16-oec-va.ibyteimg.com", "product")), "seller", handle));
        }
        if (resource.contains("ad")) {
            return obj("ad", obj("id", s.digits(15), "advertiser", s.fullName(), "headline", s.sentence(),
                    "body", s.caption(), "cta", "Learn more", "media", arr(s.image("ads." + platform + ".example",
                            "creative")), "first_seen", s.recentEpochSeconds(), "impressions",
                    obj("lower", s.between(1_000, 10_000), "upper", s.between(10_001, 100_000))));
        }
        return obj("post", RawShapes.postItem(platform, s, handle));
    }

    private static JsonNode analytics(Endpoint endpoint, Seeded s, String handle) {
        String resource = endpoint.resource();
        if (resource.equals("user/live")) {
            return obj("live_room", obj("id", s.digits(19), "title", s.sentence(), "status", 2,
                    "user_count", s.between(10, 50_000), "owner", obj("unique_id", handle)));
        }
        if (resource.equals("age-gender")) {
            return obj("faces", arr(obj("age", s.between(18, 70), "gender", s.chance(0.5) ? "female" : "male",
                    "confidence", 0.91)), "source", "upload");
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        int n = s.between(3, 6);
        for (int i = 0; i < n; i++) {
            list.add(obj("rank", i + 1, "id", s.digits(19), "title", s.sentence(), "name", s.handle(),
                    "value", s.between(1_000, 9_000_000), "rank_diff", s.between(-5, 5)));
        }
        return obj("code", 0, "msg", "OK", "data", obj("list", list,
                "pagination", obj("page", 1, "size", n, "total", n * 10, "has_more", true)));
    }

    /** The account-ish name the request is about: handle, subreddit, the URL's first path segment, or synthetic. */
    static String handle(String platform, Map<String, String> params, Seeded s) {
        for (String key : List.of("handle", "subreddit", "username")) {
            String v = params.get(key);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        String url = params.get("url");
        if (url != null) {
            try {
                String path = URI.create(url).getPath();
                if (path != null) {
                    for (String segment : path.split("/")) {
                        String cleaned = segment.replace("@", "");
                        if (!cleaned.isBlank() && !List.of("in", "company", "r", "p", "reel", "add", "shop", "pin",
                                "watch", "posts", "status").contains(cleaned)) {
                            return cleaned.toLowerCase(Locale.ROOT);
                        }
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // not a URL the sandbox can take a name from; a synthetic one follows
            }
        }
        return s.handle();
    }
}

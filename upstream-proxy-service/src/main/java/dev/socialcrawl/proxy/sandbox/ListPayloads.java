package dev.socialcrawl.proxy.sandbox;

import static dev.socialcrawl.proxy.sandbox.Json.obj;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.socialcrawl.catalog.Endpoint;

/** List payloads in each platform's raw shape: its array key, its cursor field, its has-more flag. */
final class ListPayloads {
    private enum Kind {
        POST, COMMENT, USER, PRODUCT, BOARD, AD
    }

    private ListPayloads() {
    }

    static JsonNode list(Endpoint endpoint, Seeded s, String handle) {
        String platform = endpoint.platform();
        String r = endpoint.resource();
        Kind kind = kind(r);
        ArrayNode items = items(s, () -> switch (kind) {
            case POST -> RawShapes.postItem(platform, s, handle);
            case COMMENT -> RawShapes.comment(platform, s);
            case USER -> RawShapes.user(platform, s);
            case PRODUCT -> obj("product_id", s.digits(19), "title", s.sentence(), "price", s.between(199, 9_999),
                    "currency", "USD", "sold_count", s.between(0, 90_000), "image", s.image("p16-oec-va.ibyteimg.com",
                            "product"));
            case BOARD -> obj("id", s.digits(18), "name", s.sentence(), "pin_count", s.between(1, 900),
                    "url", "/" + handle + "/" + s.token(8) + "/");
            case AD -> obj("id", s.digits(15), "advertiser", s.fullName(), "headline", s.sentence(),
                    "body", s.caption(), "first_seen", s.recentEpochSeconds(), "url",
                    "https://ads." + platform + ".example/" + s.token(10));
        });
        String cursor = s.token(24);
        return switch (platform) {
            case "tiktok" -> tiktok(r, kind, items, s);
            case "instagram" -> obj(r.equals("highlights") ? "highlights" : kind == Kind.COMMENT ? "comments"
                    : r.equals("search/reels") ? "reels" : "items", items,
                    "more_available", true, "next_max_id", s.digits(19) + "_" + s.digits(10), "status", "ok");
            case "youtube" -> obj(r.contains("comment/replies") ? "replies" : kind == Kind.COMMENT ? "comments"
                    : r.contains("shorts") ? "shorts" : "videos", items, "continuationToken", "4qmFsgK" + cursor);
            case "facebook" -> obj(r.startsWith("adlibrary/search/companies") ? "searchResults"
                    : r.startsWith("adlibrary") ? "results" : kind == Kind.COMMENT ? "comments"
                            : r.endsWith("photos") ? "photos" : r.endsWith("reels") ? "reels" : "posts",
                    items, "cursor", cursor, "page_info", obj("has_next_page", true, "end_cursor", cursor));
            case "twitter" -> obj("tweets", items, "cursor", obj("bottom", "DAABCgAB" + cursor, "top", "DAAB" + cursor));
            case "linkedin" -> obj(kind == Kind.AD ? "ads" : "posts", items, "paginationToken", cursor);
            case "reddit" -> reddit(r, kind, items, s);
            case "threads" -> obj(kind == Kind.USER ? "users" : "posts", items);
            case "pinterest" -> r.equals("search") ? obj("data", obj("results", items), "bookmark", cursor)
                    : obj(kind == Kind.BOARD ? "boards" : "pins", items, "bookmark", cursor);
            case "google" -> obj(r.contains("advertisers") ? "advertisers" : kind == Kind.AD ? "ads" : "results",
                    items, "cursor", cursor);
            // Truth Social speaks the Mastodon API: a bare array of statuses.
            case "truthsocial" -> items;
            default -> obj("items", items, "next_cursor", cursor);
        };
    }

    private static JsonNode tiktok(String r, Kind kind, ArrayNode items, Seeded s) {
        long cursor = s.recentEpochSeconds() * 1000;
        return switch (kind) {
            case COMMENT -> obj(r.contains("reviews") ? "reviews" : "comments", items, "cursor", s.between(20, 200),
                    "has_more", 1, "total", s.between(items.size(), 5_000));
            case USER -> obj(r.endsWith("followers") ? "followers" : r.endsWith("following") ? "followings"
                    : "user_list", items, "has_more", true, "min_time", s.recentEpochSeconds(), "cursor",
                    s.between(10, 100));
            case PRODUCT -> obj("products", items, "has_more", true, "cursor", s.token(16));
            default -> {
                if (r.startsWith("search")) {
                    ArrayNode wrapped = JsonNodeFactory.instance.arrayNode();
                    items.forEach(i -> wrapped.add(obj("type", 1, "aweme_info", i)));
                    yield obj("search_item_list", wrapped, "has_more", 1, "cursor", s.between(10, 100));
                }
                yield obj("aweme_list", items, "has_more", true, "max_cursor", cursor, "min_cursor", cursor - 1);
            }
        };
    }

    private static JsonNode reddit(String r, Kind kind, ArrayNode items, Seeded s) {
        if (kind == Kind.AD) {
            return obj("ads", items, "cursor", s.token(12));
        }
        if (kind == Kind.COMMENT) {
            return obj("post", RawShapes.postItem("reddit", s, s.handle()), "comments", items,
                    "cursor", s.token(12));
        }
        return obj("kind", "Listing", "data", obj("after", "t3_" + s.token(6).toLowerCase(), "dist", items.size(),
                "children", items, "before", null));
    }

    private static Kind kind(String resource) {
        if (resource.contains("comment") || resource.contains("reviews")) {
            return Kind.COMMENT;
        }
        if (resource.endsWith("users") || resource.endsWith("followers") || resource.endsWith("following")
                || resource.endsWith("companies") || resource.contains("advertisers")) {
            return Kind.USER;
        }
        if (resource.startsWith("shop/") || resource.endsWith("showcase")) {
            return Kind.PRODUCT;
        }
        if (resource.endsWith("boards")) {
            return Kind.BOARD;
        }
        if (resource.contains("ads")) {
            return Kind.AD;
        }
        return Kind.POST;
    }

    private static ArrayNode items(Seeded s, Supplier<JsonNode> one) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        int n = s.between(3, 8);
        for (int i = 0; i < n; i++) {
            items.add(one.get());
        }
        return items;
    }
}

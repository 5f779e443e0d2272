package dev.socialcrawl.proxy.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where each platform keeps its list, cursor and total ({@code upstream-platforms.json}). A platform's own pointers
 * are tried before the shared defaults; {@code has_more}, when the platform has one and it is false, drops the
 * cursor (TikTok sends a cursor even on the last page).
 */
public final class ListSettings {
    /** The pointers one platform uses. */
    public record Pointers(List<JsonPointer> lists, List<JsonPointer> cursor, List<JsonPointer> hasMore,
            List<JsonPointer> total) {
    }

    private final Pointers defaults;
    private final Map<String, Pointers> platforms;

    /** @param platforms each platform's own pointers, without the defaults */
    private ListSettings(Pointers defaults, Map<String, Pointers> platforms) {
        this.defaults = defaults;
        Map<String, Pointers> merged = new HashMap<>();
        platforms.forEach((name, own) -> merged.put(name, new Pointers(concat(own.lists(), defaults.lists()),
                concat(own.cursor(), defaults.cursor()), concat(own.hasMore(), defaults.hasMore()),
                concat(own.total(), defaults.total()))));
        this.platforms = Map.copyOf(merged);
    }

    /** The platform's own pointers followed by the defaults it does not already list. */
    public Pointers forPlatform(String platform) {
        return platforms.getOrDefault(platform, defaults);
    }

    public static ListSettings loadDefault() {
        try (InputStream in = ListSettings.class.getResourceAsStream("/upstream-platforms.json")) {
            if (in == null) {
                throw new FieldMapException("upstream-platforms.json is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Pointers defaults = pointers("defaults", root.path("defaults"));
            if (defaults.lists().isEmpty()) {
                throw new FieldMapException("upstream-platforms.json: defaults.list_keys must not be empty");
            }
            Map<String, Pointers> platforms = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("platforms").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                platforms.put(e.getKey(), pointers("platforms." + e.getKey(), e.getValue()));
            }
            return new ListSettings(defaults, platforms);
        } catch (IOException e) {
            throw new FieldMapException("upstream-platforms.json cannot be read: " + e.getMessage(), e);
        }
    }

    private static Pointers pointers(String where, JsonNode node) {
        if (!node.isObject()) {
            throw new FieldMapException("upstream-platforms.json: " + where + " must be an object");
        }
        return new Pointers(list(where, node, "list_keys"), list(where, node, "cursor"), list(where, node, "has_more"),
                list(where, node, "total"));
    }

    private static List<JsonPointer> list(String where, JsonNode node, String key) {
        List<JsonPointer> result = new ArrayList<>();
        for (JsonNode p : node.path(key)) {
            String text = p.asText();
            if (!text.startsWith("/")) {
                throw new FieldMapException("upstream-platforms.json: " + where + "." + key + " '" + text
                        + "' is not a JSON pointer");
            }
            result.add(JsonPointer.compile(text));
        }
        return result;
    }

    private static List<JsonPointer> concat(List<JsonPointer> a, List<JsonPointer> b) {
        List<JsonPointer> all = new ArrayList<>(a);
        b.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return List.copyOf(all);
    }
}

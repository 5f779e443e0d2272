package dev.socialcrawl.catalog.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.socialcrawl.catalog.CatalogException;

/**
 * The fixed list of {@code data.computed.content_category} values ({@code content-categories.json}): each category
 * with the keywords the proxy counts for it, in order (a tie goes to the earlier one), plus {@link #OTHER} when
 * nothing matches. The document lists the same names as the field's allowed values.
 */
public final class ContentCategoryList {
    public static final String OTHER = "other";
    private static final String RESOURCE = "/content-categories.json";
    private static final Map<String, List<String>> KEYWORDS = load();

    private ContentCategoryList() {
    }

    /** Category → lower-case keywords, in the file's order. */
    public static Map<String, List<String>> keywords() {
        return KEYWORDS;
    }

    /** Every value the field can have: the categories, then {@link #OTHER}. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(KEYWORDS.keySet());
        all.add(OTHER);
        return List.copyOf(all);
    }

    private static Map<String, List<String>> load() {
        try (InputStream in = ContentCategoryList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CatalogException("content-categories.json is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, List<String>> result = new LinkedHashMap<>();
            for (JsonNode c : root.path("categories")) {
                List<String> words = new ArrayList<>();
                c.path("keywords").forEach(k -> words.add(k.asText().toLowerCase(Locale.ROOT)));
                String name = c.path("name").asText();
                if (name.isBlank() || words.isEmpty() || name.equals(OTHER)) {
                    throw new CatalogException("content-categories.json: every category needs a name other than '"
                            + OTHER + "' and keywords");
                }
                result.put(name, List.copyOf(words));
            }
            if (result.isEmpty()) {
                throw new CatalogException("content-categories.json lists no categories");
            }
            return Collections.unmodifiableMap(result);
        } catch (IOException e) {
            throw new CatalogException("content-categories.json cannot be read: " + e.getMessage(), e);
        }
    }
}

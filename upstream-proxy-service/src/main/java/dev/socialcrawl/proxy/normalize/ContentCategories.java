package dev.socialcrawl.proxy.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keyword-based {@code content_category}. The fixed list lives in {@code content-categories.json}: music, gaming,
 * sports, fitness, food, travel, fashion, beauty, technology, education, comedy, news, business, art, pets,
 * family; {@code other} when no keyword matches. The category with the most whole-word (or hashtag) hits wins; a
 * tie goes to the one listed first.
 */
public final class ContentCategories {
    public static final String OTHER = "other";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Map<String, List<String>> keywords;

    public ContentCategories() {
        this.keywords = load();
    }

    public List<String> categories() {
        List<String> all = new ArrayList<>(keywords.keySet());
        all.add(OTHER);
        return all;
    }

    public String categorise(String text) {
        if (text == null || text.isBlank()) {
            return OTHER;
        }
        Map<String, Integer> words = new LinkedHashMap<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.merge(m.group(), 1, Integer::sum);
        }
        String best = OTHER;
        int bestHits = 0;
        for (Map.Entry<String, List<String>> category : keywords.entrySet()) {
            int hits = 0;
            for (String keyword : category.getValue()) {
                hits += words.getOrDefault(keyword, 0);
            }
            if (hits > bestHits) {
                best = category.getKey();
                bestHits = hits;
            }
        }
        return best;
    }

    private static Map<String, List<String>> load() {
        try (InputStream in = ContentCategories.class.getResourceAsStream("/content-categories.json")) {
            if (in == null) {
                throw new FieldMapException("content-categories.json is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, List<String>> result = new LinkedHashMap<>();
            for (JsonNode c : root.path("categories")) {
                List<String> words = new ArrayList<>();
                c.path("keywords").forEach(k -> words.add(k.asText().toLowerCase(Locale.ROOT)));
                if (c.path("name").asText().isBlank() || words.isEmpty()) {
                    throw new FieldMapException("content-categories.json: every category needs a name and keywords");
                }
                result.put(c.get("name").asText(), List.copyOf(words));
            }
            if (result.isEmpty()) {
                throw new FieldMapException("content-categories.json lists no categories");
            }
            return result;
        } catch (IOException e) {
            throw new FieldMapException("content-categories.json cannot be read: " + e.getMessage(), e);
        }
    }
}

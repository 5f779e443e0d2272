package dev.socialcrawl.proxy.normalize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.socialcrawl.catalog.data.ContentCategoryList;

/**
 * Keyword-based {@code content_category}. The fixed list is the catalogue's {@link ContentCategoryList}
 * ({@code content-categories.json}, which the OpenAPI document lists too): music, gaming, sports, fitness, food,
 * travel, fashion, beauty, technology, education, comedy, news, business, art, pets, family; {@code other} when no
 * keyword matches. The category with the most whole-word (or hashtag) hits wins; a
 * tie goes to the one listed first.
 */
public final class ContentCategories {
    public static final String OTHER = ContentCategoryList.OTHER;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Map<String, List<String>> keywords = ContentCategoryList.keywords();

    public List<String> categories() {
        return ContentCategoryList.names();
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
}

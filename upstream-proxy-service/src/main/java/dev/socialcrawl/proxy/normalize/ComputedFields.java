package dev.socialcrawl.proxy.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.data.UnifiedSchema;

/**
 * {@code data.computed} of a unified Author or Post.
 * <ul>
 * <li>{@code engagement_rate}: Author likes_count / followers; Post (likes + comments + shares) / views; null when
 * the denominator is missing or zero or no numerator is known; above 1 it is clamped to 1 with a warning; 6
 * decimals.</li>
 * <li>{@code language}: ISO 639-1 of the bio (Author) or text (Post), null under 10 characters.</li>
 * <li>{@code content_category}: see {@link ContentCategories}.</li>
 * <li>{@code estimated_reach}: Author round(followers × engagement_rate × 0.1); Post round(views × 1.2).</li>
 * </ul>
 */
public final class ComputedFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal ONE = BigDecimal.ONE;

    private final LanguageDetection languages;
    private final ContentCategories categories;

    public ComputedFields(LanguageDetection languages, ContentCategories categories) {
        this.languages = languages;
        this.categories = categories;
    }

    ObjectNode compute(UnifiedSchema.Kind kind, ObjectNode unified, List<String> warnings) {
        ObjectNode computed = NODES.objectNode();
        BigDecimal rate;
        Long reach;
        String text;
        if (kind == UnifiedSchema.Kind.AUTHOR) {
            Long followers = longOrNull(unified.get("followers"));
            Long likes = longOrNull(unified.get("likes_count"));
            rate = ratio(likes, followers, warnings);
            reach = followers == null || rate == null ? null
                    : new BigDecimal(followers).multiply(rate).multiply(new BigDecimal("0.1"))
                            .setScale(0, RoundingMode.HALF_UP).longValue();
            text = textOrNull(unified.get("bio"));
        } else {
            JsonNode engagement = unified.path("engagement");
            Long views = longOrNull(engagement.get("views"));
            Long likes = longOrNull(engagement.get("likes"));
            Long comments = longOrNull(engagement.get("comments"));
            Long shares = longOrNull(engagement.get("shares"));
            Long interactions = likes == null && comments == null && shares == null ? null
                    : zero(likes) + zero(comments) + zero(shares);
            rate = ratio(interactions, views, warnings);
            reach = views == null ? null
                    : new BigDecimal(views).multiply(new BigDecimal("1.2")).setScale(0, RoundingMode.HALF_UP)
                            .longValue();
            text = textOrNull(unified.path("content").get("text"));
        }
        computed.set(UnifiedSchema.ENGAGEMENT_RATE, rate == null ? NODES.nullNode() : NODES.numberNode(rate));
        String language = languages.detect(text);
        computed.set(UnifiedSchema.LANGUAGE, language == null ? NODES.nullNode() : NODES.textNode(language));
        computed.put(UnifiedSchema.CONTENT_CATEGORY, categories.categorise(text));
        computed.set(UnifiedSchema.ESTIMATED_REACH, reach == null ? NODES.nullNode() : NODES.numberNode(reach));
        return computed;
    }

    private static BigDecimal ratio(Long numerator, Long denominator, List<String> warnings) {
        if (numerator == null || denominator == null || denominator <= 0) {
            return null;
        }
        BigDecimal rate = new BigDecimal(numerator).divide(new BigDecimal(denominator), 6, RoundingMode.HALF_UP);
        if (rate.compareTo(ONE) > 0) {
            warnings.add(UnifiedSchema.COMPUTED + "." + UnifiedSchema.ENGAGEMENT_RATE + " was " + rate.stripTrailingZeros().toPlainString()
                    + " and has been clamped to 1");
            return ONE.setScale(6);
        }
        return rate;
    }

    private static long zero(Long v) {
        return v == null ? 0 : v;
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asLong();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || !n.isTextual() ? null : n.asText();
    }
}

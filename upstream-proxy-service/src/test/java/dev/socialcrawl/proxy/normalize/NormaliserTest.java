package dev.socialcrawl.proxy.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;

/** List stripping, the empty check by archetype and the computed fields. */
class NormaliserTest {
    private static final Catalog CATALOG = Catalog.loadDefault();
    private static final Normaliser NORMALISER = new Normaliser(new FieldMaps(CATALOG));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Normalised normalise(String platform, String resource, String raw) throws Exception {
        Endpoint endpoint = CATALOG.find(platform, resource).orElseThrow();
        return NORMALISER.normalise(endpoint, MAPPER.readTree(raw));
    }

    @Test
    void aTiktokListGivesItemsAndTheCursorWhileHasMoreIsTrue() throws Exception {
        Normalised n = normalise("tiktok", "profile/videos",
                "{\"aweme_list\":[{\"aweme_id\":\"1\"},{\"aweme_id\":\"2\"}],\"has_more\":1,\"max_cursor\":1704067200000}");
        assertFalse(n.empty());
        assertEquals(2, n.data().get("items").size());
        assertEquals("1704067200000", n.data().get("next_cursor").asText());
    }

    @Test
    void theLastPageHasNoCursorEvenWhenThePlatformSendsOne() throws Exception {
        Normalised n = normalise("tiktok", "profile/videos",
                "{\"aweme_list\":[{\"aweme_id\":\"1\"}],\"has_more\":false,\"max_cursor\":99}");
        assertFalse(n.data().has("next_cursor"));
    }

    @Test
    void theFirstNonEmptyArrayAmongTheUsualKeysIsTheList() throws Exception {
        Normalised n = normalise("youtube", "channel/videos",
                "{\"shorts\":[],\"videos\":[{\"id\":\"a\"}],\"continuationToken\":\"4qmFsgK\",\"total\":120}");
        assertEquals("a", n.data().at("/items/0/id").asText());
        assertEquals("4qmFsgK", n.data().get("next_cursor").asText());
        assertEquals(120, n.data().get("total").asLong());
    }

    @Test
    void redditListingsAreReadFromDataChildren() throws Exception {
        Normalised n = normalise("reddit", "subreddit", "{\"kind\":\"Listing\",\"data\":{\"after\":\"t3_abc\","
                + "\"dist\":1,\"children\":[{\"kind\":\"t3\",\"data\":{\"id\":\"abc\"}}]}}");
        assertEquals("t3", n.data().at("/items/0/kind").asText());
        assertEquals("t3_abc", n.data().get("next_cursor").asText());
        assertEquals(1, n.data().get("total").asLong());
    }

    @Test
    void aBareArrayIsTheListItself() throws Exception {
        Normalised n = normalise("truthsocial", "user/posts", "[{\"id\":\"1\"},{\"id\":\"2\"}]");
        assertEquals(2, n.data().get("items").size());
        assertFalse(n.data().has("next_cursor"));
    }

    @Test
    void aListWithNoItemsIsEmpty() throws Exception {
        assertTrue(normalise("twitter", "user/tweets", "{\"tweets\":[],\"cursor\":{\"bottom\":\"x\"}}").empty());
    }

    @Test
    void anAuthorWhoseMappedFieldsAreAllNullIsEmpty() throws Exception {
        Normalised n = normalise("tiktok", "profile", "{\"user\":null,\"stats\":null}");
        assertTrue(n.empty());
        assertTrue(n.data().has("author"));
    }

    @Test
    void anEmptyObjectIsEmptyForEveryArchetypeIncludingPassthrough() throws Exception {
        assertTrue(normalise("linktree", "page", "{}").empty());
        assertTrue(normalise("tiktok", "songs/popular", "{}").empty());
        assertTrue(normalise("tiktok", "profile", "{}").empty());
    }

    @Test
    void aPassthroughAuthorWithContentIsNotCheckedFurther() throws Exception {
        Normalised n = normalise("linktree", "page", "{\"page\":{\"title\":null}}");
        assertFalse(n.empty());
        assertEquals(MAPPER.readTree("{\"page\":{\"title\":null}}"), n.data());
    }

    @Test
    void audienceNeedsAnAudienceObject() throws Exception {
        assertTrue(normalise("tiktok", "user/audience", "{\"audience\":null,\"handle\":\"x\"}").empty());
        assertTrue(normalise("tiktok", "user/audience", "{\"audience\":[1]}").empty());
        assertFalse(normalise("tiktok", "user/audience", "{\"audience\":{\"genders\":{}}}").empty());
    }

    @Test
    void engagementAboveOneIsClampedWithAWarning() throws Exception {
        Normalised n = normalise("tiktok", "profile", "{\"user\":{\"id\":1,\"uniqueId\":\"a\"},"
                + "\"stats\":{\"followerCount\":100,\"heartCount\":250}}");
        JsonNode computed = n.data().get("computed");
        assertEquals(0, computed.get("engagement_rate").decimalValue().compareTo(java.math.BigDecimal.ONE));
        assertEquals(10, computed.get("estimated_reach").asLong());
        assertTrue(warnings(n).contains("computed.engagement_rate was 2.5 and has been clamped to 1"), n.data()
                .toString());
    }

    @Test
    void engagementIsNullWithoutFollowersAndHasSixDecimals() throws Exception {
        Normalised zero = normalise("tiktok", "profile", "{\"user\":{\"id\":1,\"uniqueId\":\"a\"},"
                + "\"stats\":{\"followerCount\":0,\"heartCount\":5}}");
        assertTrue(zero.data().at("/computed/engagement_rate").isNull());
        assertTrue(zero.data().at("/computed/estimated_reach").isNull());

        Normalised third = normalise("tiktok", "profile", "{\"user\":{\"id\":1,\"uniqueId\":\"a\"},"
                + "\"stats\":{\"followerCount\":3,\"heartCount\":1}}");
        assertEquals("0.333333", third.data().at("/computed/engagement_rate").decimalValue().toPlainString());
    }

    @Test
    void idsBecomeStringsAndMissingFieldsBecomeNullWithAWarningEach() throws Exception {
        Normalised n = normalise("twitter", "profile", "{\"rest_id\":44196397,\"legacy\":{\"screen_name\":\"a\"}}");
        assertEquals("44196397", n.data().at("/author/id").asText());
        assertTrue(n.data().at("/author/id").isTextual());
        assertTrue(n.data().at("/author/followers").isNull());
        assertTrue(warnings(n).contains("author.followers could not be resolved: not present in the upstream payload"));
        assertTrue(n.data().at("/author/likes_count").isNull());
        assertFalse(warnings(n).stream().anyMatch(w -> w.startsWith("author.likes_count")),
                "a field the platform does not have is null without a warning");
    }

    @Test
    void aValueOfTheWrongTypeIsNullWithAWarning() throws Exception {
        Normalised n = normalise("twitter", "profile", "{\"rest_id\":\"1\",\"legacy\":{\"screen_name\":\"a\","
                + "\"followers_count\":\"lots\"}}");
        assertTrue(n.data().at("/author/followers").isNull());
        assertTrue(warnings(n).contains("author.followers could not be resolved: the upstream value is not a valid "
                + "integer"));
    }

    @Test
    void languageIsNullUnderTenCharactersAndDetectedAbove() {
        LanguageDetection languages = new LanguageDetection();
        assertNull(languages.detect("hello"));
        assertNull(languages.detect(null));
        assertEquals("en", languages.detect("The weather is lovely today and we are going to the park together."));
        assertEquals("de", languages.detect("Das Wetter ist heute sehr schön und wir gehen zusammen in den Park."));
    }

    @Test
    void contentCategoryFollowsTheKeywordListWithOtherAsFallback() {
        ContentCategories categories = new ContentCategories();
        assertEquals("food", categories.categorise("Best pizza recipe for dinner"));
        assertEquals("gaming", categories.categorise("Live now: #minecraft speedrun"));
        assertEquals("other", categories.categorise("Lorem ipsum dolor sit amet"));
        assertEquals("other", categories.categorise(null));
        assertTrue(categories.categories().contains("other"));
    }

    private static List<String> warnings(Normalised n) {
        List<String> w = new java.util.ArrayList<>();
        n.data().path("_warnings").forEach(x -> w.add(x.asText()));
        return w;
    }
}

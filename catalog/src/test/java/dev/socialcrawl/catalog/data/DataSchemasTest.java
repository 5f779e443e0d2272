package dev.socialcrawl.catalog.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;

/** The data schemas are valid JSON Schema, refer only to each other, and hold what they say. */
class DataSchemasTest {
    private static final String PREFIX = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, ObjectNode> schemas = new DataSchemas(PREFIX).all();
    private final SchemaCheck check = new SchemaCheck(schemas, PREFIX);

    @Test
    void everySchemaIsAValidJsonSchema202012() {
        schemas.forEach((name, schema) -> assertEquals(java.util.List.of(), SchemaCheck.metaSchemaErrors(schema),
                name));
    }

    @Test
    void everyEndpointHasADataSchemaAndEveryReferenceResolves() {
        Set<String> used = new TreeSet<>();
        for (Endpoint e : Catalog.loadDefault().endpoints()) {
            assertTrue(schemas.containsKey(DataSchemas.nameFor(e)), e.path());
            used.add(DataSchemas.nameFor(e));
        }
        assertEquals(Set.of("AuthorData", "PostData", "PostList", "CommentList", "SearchResult", "AudienceData",
                "AnalyticsData", "PassthroughData"), used, "the catalogue has no Comment endpoint today");
        schemas.values().forEach(s -> s.findValues("$ref").forEach(ref -> assertTrue(
                schemas.containsKey(ref.asText().substring(PREFIX.length())), ref.asText())));
    }

    @Test
    void aUnifiedAuthorHasEveryFieldOfTheSharedSchemaAndNothingElse() throws Exception {
        ObjectNode author = JSON.createObjectNode();
        UnifiedSchema.fields(UnifiedSchema.Kind.AUTHOR).keySet().forEach(author::putNull);
        author.put("username", "someone").put("followers", 12).put("joined_at", "2020-01-02T03:04:05Z");
        JsonNode data = JSON.readTree("{\"author\":" + author + ",\"computed\":{\"engagement_rate\":0.5,"
                + "\"language\":\"en\",\"content_category\":\"music\",\"estimated_reach\":1}}");
        assertEquals(java.util.List.of(), check.errors(DataSchemas.AUTHOR_DATA, data));

        ObjectNode extra = data.deepCopy();
        ((ObjectNode) extra.get("author")).put("karma", 1);
        assertFalse(check.errors(DataSchemas.AUTHOR_DATA, extra).isEmpty(), "no field beyond the shared schema");
        ObjectNode missing = data.deepCopy();
        ((ObjectNode) missing.get("author")).remove("bio");
        assertFalse(check.errors(DataSchemas.AUTHOR_DATA, missing).isEmpty(), "every field is present");
        ObjectNode wrongType = data.deepCopy();
        ((ObjectNode) wrongType.get("author")).put("followers", "12");
        assertFalse(check.errors(DataSchemas.AUTHOR_DATA, wrongType).isEmpty(), "followers is an integer");
        ObjectNode badDate = data.deepCopy();
        ((ObjectNode) badDate.get("author")).put("joined_at", "yesterday");
        assertFalse(check.errors(DataSchemas.AUTHOR_DATA, badDate).isEmpty(), "joined_at is a date-time");
        ObjectNode badCategory = data.deepCopy();
        ((ObjectNode) badCategory.get("computed")).put("content_category", "knitting");
        assertFalse(check.errors(DataSchemas.AUTHOR_DATA, badCategory).isEmpty(), "one of the fixed categories");
    }

    @Test
    void aPostsNestedFieldsAreObjectsOfTheirOwn() {
        JsonNode post = schemas.get(DataSchemas.POST);
        assertEquals(Set.of("id", "url", "content", "author", "engagement", "published_at"),
                new TreeSet<>(JSON.convertValue(post.get("required"), Set.class)));
        assertEquals("integer", post.at("/properties/engagement/properties/likes/type/0").asText());
        assertEquals("date-time", post.at("/properties/published_at/format").asText());
    }

    @Test
    void aListPageNeedsItemsAndAllowsOnlyCursorAndTotalBesides() throws Exception {
        assertEquals(java.util.List.of(), check.errors("PostList",
                JSON.readTree("{\"items\":[{\"id\":1},\"x\"],\"next_cursor\":\"abc\",\"total\":9}")));
        assertFalse(check.errors("PostList", JSON.readTree("{\"items\":[]}")).isEmpty(), "an empty page is a 404");
        assertFalse(check.errors("SearchResult", JSON.readTree("{\"items\":[1],\"cursor\":\"abc\"}")).isEmpty());
    }

    @Test
    void rawDataIsAnyJsonValue() throws Exception {
        for (String raw : new String[] { "[1,2]", "\"text\"", "{\"anything\":{}}", "null" }) {
            assertEquals(java.util.List.of(), check.errors(DataSchemas.RAW_DATA, JSON.readTree(raw)), raw);
        }
    }

    @Test
    void theCategoriesAreTheFilesInOrderThenOther() {
        assertEquals("music", ContentCategoryList.names().get(0));
        assertEquals(ContentCategoryList.OTHER, ContentCategoryList.names().get(ContentCategoryList.names().size()
                - 1));
        assertEquals(ContentCategoryList.keywords().size() + 1, ContentCategoryList.names().size());
    }
}

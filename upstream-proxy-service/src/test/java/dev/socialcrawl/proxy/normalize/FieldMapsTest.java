package dev.socialcrawl.proxy.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.data.UnifiedSchema;

/** Field maps are data: every map the catalogue names loads, and a broken one fails with a clear message. */
class FieldMapsTest {
    private static final String COMPLETE_AUTHOR_FIELDS = "\"username\": [\"/u\"], \"display_name\": [], "
            + "\"avatar_url\": [], \"bio\": [], \"url\": [], \"verified\": [], \"private\": [], \"followers\": [], "
            + "\"following\": [], \"posts_count\": [], \"likes_count\": [], \"joined_at\": []";

    @Test
    void everyFieldMapTheCatalogueNamesLoadsWithARuleForEveryUnifiedField() {
        Map<String, FieldMap> maps = FieldMaps.loadAll(Catalog.loadDefault());
        assertEquals(22, maps.size(), "the catalogue names 22 field maps: " + maps.keySet());
        maps.values().forEach(m -> assertEquals(UnifiedSchema.fields(m.kind()).size(), m.rules().size(), m.name()));
    }

    @Test
    void aMissingMapFailsNamingTheFile() {
        FieldMapException e = assertThrows(FieldMapException.class, () -> FieldMaps.load("myspace-author"));
        assertTrue(e.getMessage().contains("fieldmaps/myspace-author.json is missing"), e.getMessage());
    }

    @Test
    void aMapWithoutARuleForSomeUnifiedFieldIsRejected() {
        FieldMapException e = assertThrows(FieldMapException.class,
                () -> parse("x-author", "{\"fields\": {\"id\": [\"/id\"]}}"));
        assertTrue(e.getMessage().contains("no rule for [username"), e.getMessage());
    }

    @Test
    void aMapWithAnUnknownFieldIsRejected() {
        FieldMapException e = assertThrows(FieldMapException.class, () -> parse("x-author",
                "{\"fields\": {\"id\": [\"/id\"], \"karma\": [\"/k\"], " + COMPLETE_AUTHOR_FIELDS + "}}"));
        assertTrue(e.getMessage().contains("'karma' is not a field of the unified author"), e.getMessage());
    }

    @Test
    void aPointerWithoutLeadingSlashIsRejected() {
        FieldMapException e = assertThrows(FieldMapException.class, () -> parse("x-author",
                "{\"fields\": {\"id\": [\"user/id\"], " + COMPLETE_AUTHOR_FIELDS + "}}"));
        assertTrue(e.getMessage().contains("'user/id' is not a JSON pointer"), e.getMessage());
    }

    @Test
    void anUnknownTransformIsRejected() {
        FieldMapException e = assertThrows(FieldMapException.class, () -> parse("x-author",
                "{\"fields\": {\"id\": {\"from\": [\"/id\"], \"as\": \"roman_numeral\"}, " + COMPLETE_AUTHOR_FIELDS
                        + "}}"));
        assertTrue(e.getMessage().contains("unknown type 'roman_numeral'"), e.getMessage());
    }

    @Test
    void aReaderThatWouldWriteAnotherTypeThanTheFieldsIsRejected() {
        // The OpenAPI document promises followers is an integer, whatever the platform sends.
        FieldMapException e = assertThrows(FieldMapException.class, () -> parse("x-author", "{\"fields\": "
                + "{\"id\": [\"/id\"], " + COMPLETE_AUTHOR_FIELDS.replace("\"followers\": []",
                        "\"followers\": {\"from\": [\"/f\"], \"as\": \"string\"}") + "}}"));
        assertTrue(e.getMessage().contains("field 'followers': 'string' writes string values; the field holds integer values"), e.getMessage());
        FieldMapException epoch = assertThrows(FieldMapException.class, () -> parse("x-author", "{\"fields\": "
                + "{\"id\": [\"/id\"], " + COMPLETE_AUTHOR_FIELDS.replace("\"posts_count\": []",
                        "\"posts_count\": {\"from\": [\"/p\"], \"as\": \"epoch_seconds\"}") + "}}"));
        assertTrue(epoch.getMessage().contains("'epoch_seconds' writes datetime values; the field holds integer values"), epoch.getMessage());
    }

    @Test
    void aTemplateOnlyFillsATextField() {
        FieldMapException e = assertThrows(FieldMapException.class, () -> parse("x-author", "{\"fields\": "
                + "{\"id\": [\"/id\"], " + COMPLETE_AUTHOR_FIELDS.replace("\"verified\": []",
                        "\"verified\": {\"template\": \"yes {/v}\"}") + "}}"));
        assertTrue(e.getMessage().contains("a template writes text, and this field is not a string"), e.getMessage());
    }

    @Test
    void invalidJsonIsRejectedNamingTheFile() {
        FieldMapException e = assertThrows(FieldMapException.class, () -> parse("x-post", "{\"fields\": "));
        assertTrue(e.getMessage().startsWith("Field map fieldmaps/x-post.json is not valid JSON"), e.getMessage());
    }

    @Test
    void aCompleteMapParses() {
        FieldMap map = parse("x-author", "{\"fields\": {\"id\": {\"from\": [\"/id\"], \"as\": \"string\"}, "
                + COMPLETE_AUTHOR_FIELDS + "}}");
        assertEquals(UnifiedSchema.Kind.AUTHOR, map.kind());
        assertTrue(map.rules().stream().filter(r -> r.field().equals("bio")).findFirst().orElseThrow().unsupported());
    }

    private static FieldMap parse(String name, String json) {
        return FieldMapParser.parse(name, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}

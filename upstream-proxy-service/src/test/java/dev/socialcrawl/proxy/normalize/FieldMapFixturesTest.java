package dev.socialcrawl.proxy.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.data.UnifiedSchema;

/**
 * One realistic raw payload per field map ({@code fixtures/{map}.json}: the raw payload, the expected unified values
 * by JSON pointer, the expected warnings), including null, empty and missing fields.
 */
class FieldMapFixturesTest {
    private static final Catalog CATALOG = Catalog.loadDefault();
    private static final Normaliser NORMALISER = new Normaliser(new FieldMaps(CATALOG));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<String> fieldMaps() {
        return CATALOG.endpoints().stream().map(Endpoint::fieldMap).filter(n -> n != null).distinct().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldMaps")
    void theRawFixtureOfEachMappedPlatformBecomesTheUnifiedShapeWithComputedFieldsAndWarnings(String map)
            throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + map + ".json")) {
            assertNotNull(in, "fixture for " + map);
            fixture = MAPPER.readTree(in);
        }
        Endpoint endpoint = CATALOG.endpoints().stream().filter(e -> map.equals(e.fieldMap())).findFirst().orElseThrow();

        Normalised result = NORMALISER.normalise(endpoint, fixture.get("raw"));

        assertFalse(result.empty(), map + " is usable data");
        JsonNode data = result.data();
        UnifiedSchema.Kind kind = map.endsWith("-author") ? UnifiedSchema.Kind.AUTHOR : UnifiedSchema.Kind.POST;
        for (String field : UnifiedSchema.fields(kind).keySet()) {
            String pointer = "/" + kind.wrapper() + "/" + field.replace('.', '/');
            assertFalse(data.at(pointer).isMissingNode(), map + ": every unified field is present, " + pointer);
        }
        for (String key : List.of("engagement_rate", "language", "content_category", "estimated_reach")) {
            assertTrue(data.get("computed").has(key), map + ": computed." + key);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fixture.get("expect").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            assertSameValue(map + " " + e.getKey(), e.getValue(), data.at(e.getKey()));
        }
        List<String> warnings = new ArrayList<>();
        data.path("_warnings").forEach(w -> warnings.add(w.asText()));
        for (JsonNode expected : fixture.path("warnings")) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith(expected.asText())),
                    map + ": expected a warning starting with '" + expected.asText() + "' in " + warnings);
        }
        if (fixture.path("no_warnings").asBoolean(false)) {
            assertFalse(data.has("_warnings"), map + ": _warnings is omitted when empty, got " + warnings);
        }
    }

    private static void assertSameValue(String what, JsonNode expected, JsonNode actual) {
        if (expected.isNull()) {
            assertTrue(actual.isNull(), what + ": expected null, got " + actual);
        } else if (expected.isNumber()) {
            assertTrue(actual.isNumber(), what + ": expected a number, got " + actual);
            assertEquals(0, expected.decimalValue().compareTo(actual.decimalValue()),
                    what + ": expected " + expected + ", got " + actual);
        } else {
            assertEquals(expected, actual, what);
        }
    }
}

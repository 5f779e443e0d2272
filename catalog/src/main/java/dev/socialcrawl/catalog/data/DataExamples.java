package dev.socialcrawl.catalog.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.CatalogException;
import dev.socialcrawl.catalog.Endpoint;

/**
 * One realistic request and its {@code data} per catalogue endpoint ({@code data-examples.json}): what the proxy's
 * built-in sandbox answers for that request, normalised, with list pages cut to {@value #LIST_ITEMS} items. The
 * proxy's tests write the file and fail when it no longer equals what the proxy answers; the OpenAPI document shows
 * the examples.
 */
public final class DataExamples {
    public static final String RESOURCE = "/data-examples.json";
    /** Items kept of a list page: enough to show an item, short enough for a reference page. */
    public static final int LIST_ITEMS = 2;

    /** A request's query parameters (as sent) and the {@code data} it gets. */
    public record Example(Map<String, String> query, JsonNode data) {
    }

    private DataExamples() {
    }

    /** Every example by endpoint path. */
    public static Map<String, Example> load() {
        try (InputStream in = DataExamples.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CatalogException("data-examples.json is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Example> examples = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("endpoints").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Map<String, String> query = new LinkedHashMap<>();
                e.getValue().path("query").fields().forEachRemaining(q -> query.put(q.getKey(), q.getValue().asText()));
                examples.put(e.getKey(), new Example(Collections.unmodifiableMap(query), e.getValue().path("data")));
            }
            return Collections.unmodifiableMap(examples);
        } catch (IOException e) {
            throw new CatalogException("data-examples.json cannot be read: " + e.getMessage(), e);
        }
    }

    /** The example form of an endpoint's normalised {@code data}: a list page cut to its first items. */
    public static JsonNode shorten(Endpoint endpoint, JsonNode data) {
        if (DataShape.of(endpoint) != DataShape.LIST || data.path(UnifiedSchema.ITEMS).size() <= LIST_ITEMS) {
            return data;
        }
        ObjectNode copy = data.deepCopy();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < LIST_ITEMS; i++) {
            items.add(data.get(UnifiedSchema.ITEMS).get(i));
        }
        copy.set(UnifiedSchema.ITEMS, items);
        return copy;
    }
}

package dev.socialcrawl.proxy.normalize;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.data.DataShape;
import dev.socialcrawl.catalog.data.UnifiedSchema;

/**
 * Raw platform JSON → the unified {@code data} of the endpoint's {@link DataShape}: lists become
 * {@code {items, next_cursor?, total?}}, field-mapped Author/Post endpoints become
 * {@code {author|post, computed, _warnings?}}, everything else passes through. Then the empty check of
 * docs/api.md#credits-and-refunds by archetype. The names and types are the catalogue's {@link UnifiedSchema}, which
 * the gateway's OpenAPI document describes.
 */
@Startup
@ApplicationScoped
public class Normaliser {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FieldMaps fieldMaps;
    private final ListSettings lists;
    private final ComputedFields computed;

    @Inject
    public Normaliser(FieldMaps fieldMaps) {
        this(fieldMaps, ListSettings.loadDefault(),
                new ComputedFields(new LanguageDetection(), new ContentCategories()));
    }

    public Normaliser(FieldMaps fieldMaps, ListSettings lists, ComputedFields computed) {
        this.fieldMaps = fieldMaps;
        this.lists = lists;
        this.computed = computed;
    }

    public Normalised normalise(Endpoint endpoint, JsonNode raw) {
        // A 200 whose body is null, {} or [] is "200 with an empty body" for every archetype (seed refund rules).
        if (raw == null || raw.isNull() || raw.isMissingNode() || (raw.isContainerNode() && raw.isEmpty())) {
            JsonNode data = endpoint.archetype().isList() ? emptyList() : NODES.objectNode();
            return new Normalised(data, true);
        }
        DataShape shape = DataShape.of(endpoint);
        return switch (shape) {
            case LIST -> {
                ObjectNode list = list(endpoint.platform(), raw);
                yield new Normalised(list, list.get(UnifiedSchema.ITEMS).isEmpty());
            }
            case UNIFIED_AUTHOR, UNIFIED_POST -> unified(fieldMaps.find(endpoint.fieldMap()).orElseThrow(
                    () -> new IllegalStateException("Field map " + endpoint.fieldMap() + " was not loaded")), raw);
            case AUDIENCE -> new Normalised(raw, !raw.path(UnifiedSchema.AUDIENCE).isObject());
            case COMMENT -> new Normalised(raw, !hasNonNullLeaf(raw.path(UnifiedSchema.COMMENT)));
            case PASSTHROUGH -> new Normalised(raw, false);
        };
    }

    Normalised unified(FieldMap map, JsonNode raw) {
        List<String> warnings = new ArrayList<>();
        ObjectNode unified = FieldMapper.apply(map, raw, warnings);
        ObjectNode data = NODES.objectNode();
        data.set(map.kind().wrapper(), unified);
        data.set(UnifiedSchema.COMPUTED, computed.compute(map.kind(), unified, warnings));
        if (!warnings.isEmpty()) {
            ArrayNode w = data.putArray(UnifiedSchema.WARNINGS);
            warnings.forEach(w::add);
        }
        return new Normalised(data, !hasNonNullLeaf(unified));
    }

    private ObjectNode list(String platform, JsonNode raw) {
        ListSettings.Pointers p = lists.forPlatform(platform);
        ObjectNode out = NODES.objectNode();
        ArrayNode items = NODES.arrayNode();
        if (raw.isArray()) {
            items.addAll((ArrayNode) raw);
        } else {
            for (JsonPointer key : p.lists()) {
                JsonNode candidate = raw.at(key);
                if (candidate.isArray() && !candidate.isEmpty()) {
                    items.addAll((ArrayNode) candidate);
                    break;
                }
            }
        }
        out.set(UnifiedSchema.ITEMS, items);
        if (!raw.isArray()) {
            JsonNode hasMore = first(raw, p.hasMore());
            boolean more = hasMore == null || !(hasMore.isBoolean() && !hasMore.asBoolean()
                    || hasMore.isNumber() && hasMore.asInt() == 0);
            JsonNode cursor = first(raw, p.cursor());
            if (more && cursor != null && cursor.isValueNode() && !cursor.asText().isEmpty()) {
                out.put(UnifiedSchema.NEXT_CURSOR, cursor.asText());
            }
            JsonNode total = first(raw, p.total());
            if (total != null && total.canConvertToLong()) {
                out.put(UnifiedSchema.TOTAL, total.asLong());
            }
        }
        return out;
    }

    private static JsonNode first(JsonNode raw, List<JsonPointer> pointers) {
        for (JsonPointer p : pointers) {
            JsonNode v = raw.at(p);
            if (!v.isMissingNode() && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    private static ObjectNode emptyList() {
        ObjectNode out = NODES.objectNode();
        out.putArray(UnifiedSchema.ITEMS);
        return out;
    }

    static boolean hasNonNullLeaf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasNonNullLeaf(child)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}

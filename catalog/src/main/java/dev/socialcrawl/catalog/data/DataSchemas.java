package dev.socialcrawl.catalog.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Archetype;
import dev.socialcrawl.catalog.Endpoint;

/**
 * The JSON Schemas (2020-12, which OpenAPI 3.1 uses as is) of every {@code data} the normaliser makes, generated from
 * {@link UnifiedSchema}, {@link DataShape} and {@link ContentCategoryList}: the gateway's OpenAPI document publishes
 * them, the proxy's tests hold the normaliser's output to them. Nothing here is written twice.
 */
public final class DataSchemas {
    public static final String AUTHOR = "UnifiedAuthor";
    public static final String POST = "UnifiedPost";
    public static final String COMPUTED = "Computed";
    public static final String WARNINGS = "Warnings";
    public static final String AUTHOR_DATA = "AuthorData";
    public static final String POST_DATA = "PostData";
    public static final String COMMENT_DATA = "CommentData";
    public static final String AUDIENCE_DATA = "AudienceData";
    public static final String ANALYTICS_DATA = "AnalyticsData";
    public static final String PASSTHROUGH_DATA = "PassthroughData";
    /** {@code format=raw}: the upstream JSON untouched, any JSON value. */
    public static final String RAW_DATA = "RawData";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String refPrefix;

    /** @param refPrefix what a reference to another of these schemas starts with, e.g. {@code #/components/schemas/} */
    public DataSchemas(String refPrefix) {
        this.refPrefix = refPrefix;
    }

    /** The name of the schema of an endpoint's {@code data} (without {@code format=raw}). */
    public static String nameFor(Endpoint endpoint) {
        return switch (DataShape.of(endpoint)) {
            case LIST -> endpoint.archetype().catalogName();
            case UNIFIED_AUTHOR -> AUTHOR_DATA;
            case UNIFIED_POST -> POST_DATA;
            case AUDIENCE -> AUDIENCE_DATA;
            case COMMENT -> COMMENT_DATA;
            case PASSTHROUGH -> endpoint.archetype() == Archetype.ANALYTICS ? ANALYTICS_DATA : PASSTHROUGH_DATA;
        };
    }

    /** Every schema by name, each referring to the others through the prefix. */
    public Map<String, ObjectNode> all() {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        all.put(AUTHOR, unified(UnifiedSchema.Kind.AUTHOR, "A profile in the unified shape: every field is "
                + "always present, null when the platform does not give it."));
        all.put(POST, unified(UnifiedSchema.Kind.POST, "A post (video, tweet, pin, clip) in the unified shape: every "
                + "field is always present, null when the platform does not give it."));
        all.put(COMPUTED, computed());
        all.put(WARNINGS, warnings());
        all.put(AUTHOR_DATA, unifiedData(UnifiedSchema.Kind.AUTHOR, AUTHOR));
        all.put(POST_DATA, unifiedData(UnifiedSchema.Kind.POST, POST));
        for (Archetype list : new Archetype[] { Archetype.POST_LIST, Archetype.COMMENT_LIST,
            Archetype.SEARCH_RESULT }) {
            all.put(list.catalogName(), list(list));
        }
        all.put(COMMENT_DATA, passthrough("A comment as the platform gives it; it has a `" + UnifiedSchema.COMMENT
                + "` (an answer without one is 404 RESOURCE_NOT_FOUND, refunded).").put("type", "object")
                .set("required", NODES.arrayNode().add(UnifiedSchema.COMMENT)));
        ObjectNode audience = passthrough("An audience breakdown as the platform gives it; `" + UnifiedSchema.AUDIENCE
                + "` is always an object (an answer without one is 404 RESOURCE_NOT_FOUND, refunded).")
                .put("type", "object");
        audience.set("required", NODES.arrayNode().add(UnifiedSchema.AUDIENCE));
        audience.putObject("properties").putObject(UnifiedSchema.AUDIENCE).put("type", "object")
                .put("description", "Shares by gender, age, country or whatever the platform reports.");
        all.put(AUDIENCE_DATA, audience);
        all.put(ANALYTICS_DATA, passthrough("Figures as the platform gives them (rankings, live state, estimates); "
                + "at least one key (an answer with none is 404 RESOURCE_NOT_FOUND, refunded).").put("type", "object")
                .put("minProperties", 1));
        all.put(PASSTHROUGH_DATA, passthrough("The platform's object as it came: this endpoint has no field map, so "
                + "its data is not in the unified shape.").put("type", "object").put("minProperties", 1));
        all.put(RAW_DATA, NODES.objectNode().put("description", "With `format=raw`: the provider's JSON untouched, "
                + "any JSON value; nothing is normalised, computed or checked."));
        return Collections.unmodifiableMap(all);
    }

    private ObjectNode unified(UnifiedSchema.Kind kind, String description) {
        ObjectNode root = object(description);
        for (Field field : UnifiedSchema.fields(kind).values()) {
            String[] parts = field.path().split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < parts.length - 1; i++) {
                ObjectNode properties = (ObjectNode) parent.get("properties");
                ObjectNode child = (ObjectNode) properties.get(parts[i]);
                if (child == null) {
                    child = object(null);
                    properties.set(parts[i], child);
                    ((ArrayNode) parent.get("required")).add(parts[i]);
                }
                parent = child;
            }
            ((ObjectNode) parent.get("properties")).set(parts[parts.length - 1], field(field));
            ((ArrayNode) parent.get("required")).add(parts[parts.length - 1]);
        }
        return root;
    }

    private static ObjectNode field(Field field) {
        ObjectNode schema = NODES.objectNode();
        ArrayNode type = schema.putArray("type");
        switch (field.type()) {
            case STRING -> type.add("string");
            case INTEGER -> type.add("integer");
            case NUMBER -> type.add("number");
            case BOOLEAN -> type.add("boolean");
            case DATETIME -> {
                type.add("string");
                schema.put("format", "date-time");
            }
            case STRING_LIST -> {
                type.add("array");
                schema.putObject("items").put("type", "string");
            }
        }
        type.add("null");
        return schema.put("description", field.description());
    }

    private ObjectNode unifiedData(UnifiedSchema.Kind kind, String unifiedName) {
        ObjectNode data = object("The " + kind.wrapper() + " in the unified shape, what was computed from it and, "
                + "when a value was clamped or missing, warnings.");
        ObjectNode properties = (ObjectNode) data.get("properties");
        properties.set(kind.wrapper(), ref(unifiedName));
        properties.set(UnifiedSchema.COMPUTED, ref(COMPUTED));
        properties.set(UnifiedSchema.WARNINGS, ref(WARNINGS));
        ((ArrayNode) data.get("required")).add(kind.wrapper()).add(UnifiedSchema.COMPUTED);
        return data;
    }

    private static ObjectNode computed() {
        ObjectNode computed = object("Values computed from the unified object. On an author: engagement_rate = "
                + "likes_count / followers, estimated_reach = round(followers × engagement_rate × 0.1); on a post: "
                + "engagement_rate = (likes + comments + shares) / views, estimated_reach = round(views × 1.2).");
        ObjectNode p = (ObjectNode) computed.get("properties");
        ObjectNode rate = p.putObject(UnifiedSchema.ENGAGEMENT_RATE);
        rate.putArray("type").add("number").add("null");
        rate.put("minimum", 0).put("maximum", 1).put("description", "Between 0 and 1, 6 decimals; null when a "
                + "figure it needs is missing or zero; a higher ratio is clamped to 1 with a warning.");
        ObjectNode language = p.putObject(UnifiedSchema.LANGUAGE);
        language.putArray("type").add("string").add("null");
        language.put("pattern", "^[a-z]{2}$").put("description", "ISO 639-1 code of the bio or text; null when "
                + "it is shorter than 10 characters or no language is clearly ahead.");
        ObjectNode category = p.putObject(UnifiedSchema.CONTENT_CATEGORY).put("type", "string")
                .put("description", "The category whose keywords the bio or text uses most; `"
                        + ContentCategoryList.OTHER + "` when none.");
        ArrayNode names = category.putArray("enum");
        ContentCategoryList.names().forEach(names::add);
        ObjectNode reach = p.putObject(UnifiedSchema.ESTIMATED_REACH);
        reach.putArray("type").add("integer").add("null");
        reach.put("minimum", 0).put("description", "An estimate of how many people see a post (or an author's "
                + "average post); null when the figures it needs are missing.");
        ArrayNode required = (ArrayNode) computed.get("required");
        p.fieldNames().forEachRemaining(required::add);
        return computed;
    }

    private static ObjectNode warnings() {
        ObjectNode warnings = NODES.objectNode().put("type", "array").put("minItems", 1)
                .put("description", "One sentence per value that was clamped or could not be read; absent when "
                        + "there is none.");
        warnings.putObject("items").put("type", "string");
        return warnings;
    }

    private static ObjectNode list(Archetype archetype) {
        ObjectNode list = object("A page of a list (" + archetype.catalogName() + "). For the next page send "
                + "`next_cursor` back in the endpoint's cursor parameter; a page with no items is 404 "
                + "RESOURCE_NOT_FOUND, refunded.");
        ObjectNode p = (ObjectNode) list.get("properties");
        ObjectNode items = p.putObject(UnifiedSchema.ITEMS).put("type", "array").put("minItems", 1)
                .put("description", "The platform's items, in its order and shape (passed through unchanged).");
        items.putObject("items").put("description", "One item as the platform gives it.");
        p.putObject(UnifiedSchema.NEXT_CURSOR).put("type", "string").put("minLength", 1)
                .put("description", "Present when the platform says there is another page.");
        p.putObject(UnifiedSchema.TOTAL).put("type", "integer")
                .put("description", "Present when the platform gives a total count.");
        ((ArrayNode) list.get("required")).add(UnifiedSchema.ITEMS);
        return list;
    }

    /**
     * An object schema with no properties yet ({@code properties}, {@code required} to fill in), nothing else allowed.
     */
    public static ObjectNode object(String description) {
        ObjectNode o = NODES.objectNode().put("type", "object");
        if (description != null) {
            o.put("description", description);
        }
        o.putObject("properties");
        o.putArray("required");
        o.put("additionalProperties", false);
        return o;
    }

    private static ObjectNode passthrough(String description) {
        return NODES.objectNode().put("description", description);
    }

    private ObjectNode ref(String name) {
        return NODES.objectNode().put("$ref", refPrefix + name);
    }
}

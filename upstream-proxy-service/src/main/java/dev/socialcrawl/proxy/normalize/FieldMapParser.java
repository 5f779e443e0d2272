package dev.socialcrawl.proxy.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.socialcrawl.catalog.data.Field;
import dev.socialcrawl.catalog.data.FieldType;
import dev.socialcrawl.catalog.data.UnifiedSchema;

/**
 * Reads and validates one field map file. Format: {@code {"fields": {unified field: [pointer, …] | {"from": [...],
 * "as": type, "template": "…{/pointer}…", "item": [...]}}}}; every unified field must be listed (an empty
 * {@code from} says the platform has no such value), nothing else may be.
 */
public final class FieldMapParser {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(/[^}]*)}");
    private static final Set<String> RULE_KEYS = Set.of("from", "as", "template", "item");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FieldMapParser() {
    }

    public static FieldMap parse(String name, InputStream in) {
        String where = "Field map fieldmaps/" + name + ".json";
        if (in == null) {
            throw new FieldMapException(where + " is missing from the classpath");
        }
        UnifiedSchema.Kind kind = UnifiedSchema.Kind.ofFieldMap(name).orElseThrow(
                () -> new FieldMapException(where + ": the name must end with -author or -post"));
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new FieldMapException(where + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("fields").isObject()) {
            throw new FieldMapException(where + " must be an object with a \"fields\" object");
        }
        Map<String, Field> schema = UnifiedSchema.fields(kind);
        JsonNode fields = root.get("fields");
        Set<String> seen = new HashSet<>();
        for (Iterator<String> it = fields.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!schema.containsKey(f)) {
                throw new FieldMapException(where + ": '" + f + "' is not a field of the unified " + kind.wrapper()
                        + " (expected one of " + schema.keySet() + ")");
            }
            seen.add(f);
        }
        List<String> missing = schema.keySet().stream().filter(f -> !seen.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new FieldMapException(where + ": no rule for " + missing
                    + " (list every unified field; an empty list means the platform has no such value)");
        }
        List<FieldRule> rules = new ArrayList<>();
        for (Field field : schema.values()) {
            rules.add(rule(where + " field '" + field.path() + "'", field, fields.get(field.path())));
        }
        return new FieldMap(name, kind, rules);
    }

    private static FieldRule rule(String where, Field field, JsonNode node) {
        ValueType natural = ValueType.of(field.type());
        if (node.isArray()) {
            return new FieldRule(field.path(), pointers(where, node), null, natural, List.of());
        }
        if (!node.isObject()) {
            throw new FieldMapException(where + ": must be a list of JSON pointers or an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!RULE_KEYS.contains(key)) {
                throw new FieldMapException(where + ": unknown key '" + key + "' (allowed: " + RULE_KEYS + ")");
            }
        }
        List<JsonPointer> from = node.has("from") ? pointers(where, node.get("from")) : List.of();
        ValueType type = natural;
        if (node.has("as")) {
            type = ValueType.fromWireName(node.get("as").asText());
            if (type == null) {
                throw new FieldMapException(where + ": unknown type '" + node.get("as").asText() + "'");
            }
            if (type.writes() != field.type()) {
                // The document promises the field's type whatever the platform sends.
                throw new FieldMapException(where + ": '" + type.wireName() + "' writes "
                        + type.writes().name().toLowerCase(Locale.ROOT) + " values; the field holds "
                        + field.type().name().toLowerCase(Locale.ROOT) + " values");
            }
        }
        String template = null;
        if (node.has("template")) {
            template = node.get("template").asText();
            if (field.type() != FieldType.STRING) {
                throw new FieldMapException(where + ": a template writes text, and this field is not a string");
            }
            Matcher m = PLACEHOLDER.matcher(template);
            if (!m.find()) {
                throw new FieldMapException(where + ": template needs at least one {/pointer} placeholder");
            }
            m.reset();
            while (m.find()) {
                pointer(where, m.group(1));
            }
        }
        List<JsonPointer> item = node.has("item") ? pointers(where, node.get("item")) : List.of();
        if (!item.isEmpty() && type != ValueType.STRING_LIST) {
            throw new FieldMapException(where + ": 'item' only applies to string_list fields");
        }
        return new FieldRule(field.path(), from, template, type, item);
    }

    private static List<JsonPointer> pointers(String where, JsonNode node) {
        if (!node.isArray()) {
            throw new FieldMapException(where + ": pointers must be a JSON array");
        }
        List<JsonPointer> result = new ArrayList<>();
        for (JsonNode p : node) {
            if (!p.isTextual()) {
                throw new FieldMapException(where + ": pointers must be strings");
            }
            result.add(pointer(where, p.asText()));
        }
        return result;
    }

    private static JsonPointer pointer(String where, String text) {
        if (!text.startsWith("/")) {
            throw new FieldMapException(where + ": '" + text + "' is not a JSON pointer (must start with /)");
        }
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new FieldMapException(where + ": '" + text + "' is not a JSON pointer: " + e.getMessage(), e);
        }
    }
}

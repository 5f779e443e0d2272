package dev.socialcrawl.proxy.normalize;

import java.util.List;
import java.util.regex.Matcher;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Applies a {@link FieldMap} to a raw payload: the unified object plus a warning per field it could not resolve. */
final class FieldMapper {
    private FieldMapper() {
    }

    static ObjectNode apply(FieldMap map, JsonNode raw, List<String> warnings) {
        ObjectNode unified = JsonNodeFactory.instance.objectNode();
        String wrapper = map.kind().wrapper();
        for (FieldRule rule : map.rules()) {
            JsonNode value = resolve(rule, raw, wrapper, warnings);
            put(unified, rule.field(), value);
        }
        return unified;
    }

    private static JsonNode resolve(FieldRule rule, JsonNode raw, String wrapper, List<String> warnings) {
        if (rule.unsupported()) {
            return null;
        }
        String name = wrapper + "." + rule.field();
        if (rule.template() != null) {
            String filled = fill(rule.template(), raw);
            if (filled == null) {
                warnings.add(name + " could not be resolved: the upstream payload lacks the values to build it");
            }
            return filled == null ? null : JsonNodeFactory.instance.textNode(filled);
        }
        JsonNode found = null;
        JsonNode emptyContainer = null;
        for (JsonPointer p : rule.from()) {
            JsonNode candidate = raw.at(p);
            if (candidate.isContainerNode() && candidate.isEmpty()) {
                // An empty media list is an answer ("no media"), but a later pointer may still have the real one.
                emptyContainer = emptyContainer == null ? candidate : emptyContainer;
            } else if (!ValueReader.isAbsent(candidate)) {
                found = candidate;
                break;
            }
        }
        if (found == null && emptyContainer != null && rule.type() == ValueType.STRING_LIST) {
            found = emptyContainer;
        }
        if (found == null) {
            warnings.add(name + " could not be resolved: not present in the upstream payload");
            return null;
        }
        JsonNode converted = ValueReader.read(found, rule.type(), rule.item());
        if (converted == null) {
            warnings.add(name + " could not be resolved: the upstream value is not a valid " + rule.type().wireName());
        }
        return converted;
    }

    private static String fill(String template, JsonNode raw) {
        Matcher m = FieldMapParser.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = raw.at(JsonPointer.compile(m.group(1)));
            if (ValueReader.isAbsent(v) || !v.isValueNode()) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.asText()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void put(ObjectNode target, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = target;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value == null ? JsonNodeFactory.instance.nullNode() : value);
    }
}

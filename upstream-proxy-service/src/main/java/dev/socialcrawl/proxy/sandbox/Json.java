package dev.socialcrawl.proxy.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Terse JSON building for the sandbox's synthetic payloads. */
final class Json {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    /** {@code obj("a", 1, "b", "x")}; values may be String, Number, Boolean, JsonNode, List or null. */
    static ObjectNode obj(Object... kv) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], node(kv[i + 1]));
        }
        return o;
    }

    static ArrayNode arr(Object... values) {
        ArrayNode a = F.arrayNode();
        for (Object v : values) {
            a.add(node(v));
        }
        return a;
    }

    static JsonNode node(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Double d) {
            return F.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof List<?> list) {
            ArrayNode a = F.arrayNode();
            list.forEach(x -> a.add(node(x)));
            return a;
        }
        throw new IllegalArgumentException("Unsupported JSON value " + v.getClass());
    }
}

package dev.socialcrawl.gateway.meta;

import static dev.socialcrawl.catalog.data.DataSchemas.object;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Platform;
import dev.socialcrawl.catalog.data.DataSchemas;
import dev.socialcrawl.errors.ErrorCode;

/**
 * {@code components.schemas} of the OpenAPI document: the two envelopes, the {@code data} of every catalogue endpoint
 * (the catalogue's {@link DataSchemas}, the same the proxy's normaliser is tested against) and of the meta routes,
 * and one success envelope per {@code data} schema.
 */
final class ApiSchemas {
    static final String PREFIX = "#/components/schemas/";
    static final String SUCCESS = "SuccessEnvelope";
    static final String ERROR = "ErrorEnvelope";
    static final String STATUS = "StatusData";
    static final String BALANCE = "BalanceData";
    static final String ACTIVITY = "ActivityPage";
    static final String OPENAPI = "OpenApiDocument";
    private static final String RESPONSE = "Response";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApiSchemas() {
    }

    /** The name of the success envelope whose {@code data} is the schema {@code dataSchema}. */
    static String response(String dataSchema) {
        return dataSchema + RESPONSE;
    }

    static ObjectNode ref(String name) {
        return NODES.objectNode().put("$ref", PREFIX + name);
    }

    static Map<String, ObjectNode> all(Catalog catalog) {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        all.put(SUCCESS, success());
        all.put(ERROR, error());
        Map<String, ObjectNode> data = new DataSchemas(PREFIX).all();
        all.putAll(data);
        all.put(STATUS, status(catalog));
        all.put("PlatformState", platformState());
        all.put(BALANCE, balance());
        all.put(ACTIVITY, activityPage());
        all.put("ActivityItem", activityItem());
        for (String name : data.keySet()) {
            if (name.equals(DataSchemas.RAW_DATA) || !isDataOfAnEndpoint(name)) {
                continue;
            }
            ObjectNode either = NODES.objectNode().put("description", "The normalised data; with `format=raw` the "
                    + "provider's JSON untouched (" + DataSchemas.RAW_DATA + ").");
            either.putArray("anyOf").add(ref(name)).add(ref(DataSchemas.RAW_DATA));
            all.put(response(name), envelope(either));
        }
        for (String meta : List.of(STATUS, BALANCE, ACTIVITY)) {
            all.put(response(meta), envelope(ref(meta)));
        }
        all.put(OPENAPI, NODES.objectNode().put("type", "object").put("description", "An OpenAPI 3.1 document: "
                + "this one.").set("required", NODES.arrayNode().add("openapi").add("info").add("paths")));
        return all;
    }

    /** The unified objects and their parts are not the whole {@code data} of any endpoint. */
    private static boolean isDataOfAnEndpoint(String name) {
        return !List.of(DataSchemas.AUTHOR, DataSchemas.POST, DataSchemas.COMPUTED, DataSchemas.WARNINGS)
                .contains(name);
    }

    private static ObjectNode envelope(ObjectNode data) {
        ObjectNode refined = NODES.objectNode();
        refined.putObject("properties").set("data", data);
        ObjectNode envelope = NODES.objectNode();
        envelope.putArray("allOf").add(ref(SUCCESS)).add(refined);
        return envelope;
    }

    private static ObjectNode success() {
        ObjectNode s = object("Every successful answer.");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("success").put("const", true);
        p.putObject("platform").put("type", "string").put("description", "The platform, or `meta` for "
                + "`/v1/credits/balance`, `/v1/status` and `/v1/activity`.");
        p.putObject("endpoint").put("type", "string").put("description", "The path, e.g. `/v1/tiktok/profile`.");
        p.putObject("data").put("description", "The answer; its schema depends on the route.");
        p.putObject("credits_used").put("type", "integer").put("minimum", 0)
                .put("description", "Credits this request cost: 0 on cache hits, replays and free routes.");
        p.putObject("credits_remaining").put("type", "integer").put("minimum", 0)
                .put("description", "The balance after this request; absent on routes without a key.");
        p.set("request_id", requestId());
        p.putObject("cached").put("type", "boolean").put("description", "Whether the answer came from the cache.");
        required(s, "success", "platform", "endpoint", "data", "credits_used", "request_id", "cached");
        return s;
    }

    private static ObjectNode error() {
        ObjectNode e = object("Every error answer, whichever service it came from.");
        ObjectNode p = (ObjectNode) e.get("properties");
        p.putObject("success").put("const", false);
        ObjectNode detail = object(null);
        p.set("error", detail);
        ObjectNode dp = (ObjectNode) detail.get("properties");
        ArrayNode types = dp.putObject("type").put("type", "string")
                .put("description", "Branch on this, not on the message.").putArray("enum");
        for (ErrorCode code : ErrorCode.values()) {
            types.add(code.name());
        }
        dp.putObject("message").put("type", "string").put("description", "For people; it may change.");
        dp.putObject("status").put("type", "integer").put("description", "The HTTP status.");
        dp.putObject("doc_url").put("type", "string").put("format", "uri")
                .put("description", "This install's page about the error type.");
        required(detail, "type", "message", "status", "doc_url");
        p.putObject("credits_remaining").put("type", "integer").put("minimum", 0)
                .put("description", "The balance, whenever the account is known.");
        p.set("request_id", requestId());
        required(e, "success", "error", "request_id");
        return e;
    }

    private static ObjectNode status(Catalog catalog) {
        ObjectNode platforms = object("Every catalogue platform's circuit breaker.");
        ObjectNode p = (ObjectNode) platforms.get("properties");
        for (Platform platform : catalog.platforms()) {
            p.set(platform.name(), ref("PlatformState"));
            ((ArrayNode) platforms.get("required")).add(platform.name());
        }
        ObjectNode data = object("The state of each platform, at most 1 s old.");
        ((ObjectNode) data.get("properties")).set("platforms", platforms);
        required(data, "platforms");
        return data;
    }

    private static ObjectNode platformState() {
        ObjectNode s = object("`closed`: requests go through; `open`: answered 503 without calling the platform, "
                + "refunded; `half_open`: one trial request decides. Open on any proxy replica shows as open.");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("state").put("type", "string").putArray("enum").add("closed").add("open").add("half_open");
        p.putObject("retry_after_seconds").put("type", "integer").put("minimum", 0)
                .put("description", "When open: seconds until a trial request is let through.");
        required(s, "state");
        return s;
    }

    private static ObjectNode balance() {
        ObjectNode b = object("The account's balance, read from the ledger.");
        ObjectNode p = (ObjectNode) b.get("properties");
        p.putObject("balance").put("type", "integer").put("minimum", 0);
        ObjectNode recent = object("Credits charged, net of refunds.");
        p.set("recent_deductions", recent);
        ((ObjectNode) recent.get("properties")).putObject("last_24h").put("type", "integer").put("minimum", 0);
        ((ObjectNode) recent.get("properties")).putObject("last_7d").put("type", "integer").put("minimum", 0);
        required(recent, "last_24h", "last_7d");
        required(b, "balance", "recent_deductions");
        return b;
    }

    private static ObjectNode activityPage() {
        ObjectNode page = object("A page of the account's request log, newest first.");
        ObjectNode p = (ObjectNode) page.get("properties");
        p.putObject("items").put("type", "array").set("items", ref("ActivityItem"));
        p.putObject("next_cursor").put("type", "string")
                .put("description", "Absent on the last page; send it back as `cursor` for the next one.");
        required(page, "items");
        return page;
    }

    private static ObjectNode activityItem() {
        ObjectNode item = NODES.objectNode().put("type", "object")
                .put("description", "One request made with a key of the account (recorded within 10 s, kept 30 days).");
        ObjectNode p = item.putObject("properties");
        p.set("request_id", requestId());
        p.putObject("key_id").put("type", "integer").put("description", "The key's id.");
        p.putObject("key_last4").put("type", "string").put("description", "The key's last 4 characters.");
        p.putObject("method").put("type", "string");
        p.putObject("path").put("type", "string").put("description", "e.g. `/v1/tiktok/profile`.");
        p.putObject("query").put("type", "string").put("description", "The raw query string, possibly empty.");
        p.putObject("status").put("type", "integer").put("description", "The HTTP status answered.");
        ObjectNode type = p.putObject("error_type");
        type.putArray("type").add("string").add("null");
        type.put("description", "The error's `type`; null on success.");
        p.putObject("credits").put("type", "integer").put("minimum", 0)
                .put("description", "Credits finally charged: 0 when free or refunded.");
        p.putObject("cached").put("type", "boolean").put("description", "Answered from the cache.");
        p.putObject("replay").put("type", "boolean").put("description", "An idempotent replay.");
        p.putObject("latency_ms").put("type", "integer").put("minimum", 0);
        p.putObject("at").put("type", "string").put("format", "date-time").put("description", "When it ended.");
        ArrayNode required = item.putArray("required");
        p.fieldNames().forEachRemaining(required::add);
        return item;
    }

    private static ObjectNode requestId() {
        return NODES.objectNode().put("type", "string").put("pattern", "^req-[A-Za-z0-9_-]{20,100}$")
                .put("description", "This request's id, also in the `X-Request-Id` header.");
    }

    private static void required(ObjectNode schema, String... names) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (String n : names) {
            required.add(n);
        }
    }
}

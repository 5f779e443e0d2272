package dev.socialcrawl.gateway.meta;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.gateway.meta.ApiResponses.Shared;

/**
 * The OpenAPI operations of the meta routes: {@code /v1/credits/balance}, {@code /v1/activity}, {@code /v1/status}
 * and the document itself.
 */
final class MetaOperations {
    private static final List<Shared> KEYED_ERRORS = List.of(Shared.BAD_REQUEST, Shared.UNAUTHORIZED,
            Shared.METHOD_NOT_ALLOWED, Shared.INTERNAL_ERROR, Shared.SERVICE_UNAVAILABLE);
    private static final List<Shared> PUBLIC_ERRORS = List.of(Shared.BAD_REQUEST, Shared.METHOD_NOT_ALLOWED,
            Shared.INTERNAL_ERROR);

    private final ObjectMapper mapper;
    private final ApiExamples examples;
    private final Catalog catalog;

    MetaOperations(ObjectMapper mapper, ApiExamples examples, Catalog catalog) {
        this.mapper = mapper;
        this.examples = examples;
        this.catalog = catalog;
    }

    ObjectNode balance() {
        ObjectNode path = mapper.createObjectNode();
        ObjectNode get = operation(path, "credits_balance", "The account's balance and recent deductions",
                "Free. Read from the ledger, never cached.");
        ObjectNode ok = ok(get, "The balance.");
        OpenApiDocument.headers(ok, ApiHeaders.CREDITS_USED, ApiHeaders.CREDITS_REMAINING, ApiHeaders.CACHE_CONTROL);
        OpenApiDocument.json(ok, ApiSchemas.response(ApiSchemas.BALANCE), "A balance", examples.balance());
        errors(get, KEYED_ERRORS);
        return path;
    }

    ObjectNode activity() {
        ObjectNode path = mapper.createObjectNode();
        ObjectNode get = operation(path, "activity", "The account's own request log, newest first",
                "Free. Every request made with a key of the account, recorded within 10 s and kept 30 days. Each "
                        + "filter at most once; an unknown one is 400.");
        ArrayNode params = get.putArray("parameters");
        filter(params, "from", "From this time on (inclusive): a date (`2026-12-06`, that day's start, UTC) or an "
                + "instant.", "string", "2026-12-06");
        filter(params, "to", "Before this time (exclusive): a date (that day's end, UTC) or an instant.", "string",
                "2026-12-07T12:00:00Z");
        filter(params, "status", "An HTTP status (`404`) or a class (`4xx`).", "string", "5xx");
        filter(params, "endpoint", "An exact path.", "string", "/v1/tiktok/profile");
        filter(params, "request_id", "One request.", "string", ApiExamples.REQUEST_ID);
        filter(params, "cursor", "The `next_cursor` of the previous page.", "string", null);
        ObjectNode limit = filter(params, "limit", "Items per page, 1 to 200 (default 50).", "integer", null);
        ((ObjectNode) limit.get("schema")).put("minimum", 1).put("maximum", 200).put("default", 50);
        ObjectNode ok = ok(get, "A page of the log.");
        OpenApiDocument.headers(ok, ApiHeaders.CREDITS_USED, ApiHeaders.CREDITS_REMAINING, ApiHeaders.CACHE_CONTROL);
        OpenApiDocument.json(ok, ApiSchemas.response(ApiSchemas.ACTIVITY), "A page with one request",
                examples.activity(catalog.endpoints().iterator().next()));
        errors(get, KEYED_ERRORS);
        return path;
    }

    ObjectNode status() {
        ObjectNode path = mapper.createObjectNode();
        ObjectNode get = operation(path, "status", "Each platform's circuit breaker",
                "No key, free, never cached; up to 1 s old.");
        get.putArray("security");
        ObjectNode ok = ok(get, "Every catalogue platform's state.");
        OpenApiDocument.headers(ok, ApiHeaders.CACHE_CONTROL);
        OpenApiDocument.json(ok, ApiSchemas.response(ApiSchemas.STATUS), "One platform open",
                examples.status(catalog));
        errors(get, PUBLIC_ERRORS);
        return path;
    }

    ObjectNode openApi() {
        ObjectNode path = mapper.createObjectNode();
        ObjectNode get = operation(path, "openapi", "This document",
                "No key, free. Generated from the endpoint catalogue; the data schemas are the ones the upstream "
                        + "proxy's normaliser is tested against.");
        get.putArray("security");
        ObjectNode ok = ok(get, "The OpenAPI 3.1 document (not an envelope).");
        OpenApiDocument.headers(ok);
        ok.putObject("content").putObject("application/json").set("schema", ApiSchemas.ref(ApiSchemas.OPENAPI));
        errors(get, List.of(Shared.BAD_REQUEST, Shared.METHOD_NOT_ALLOWED));
        return path;
    }

    private ObjectNode operation(ObjectNode path, String id, String summary, String description) {
        ObjectNode get = path.putObject("get");
        get.put("operationId", id).put("summary", summary).put("description", description);
        get.putArray("tags").add(MetaRoutes.META);
        return get;
    }

    private static ObjectNode ok(ObjectNode get, String description) {
        return get.putObject("responses").putObject("200").put("description", description);
    }

    private static void errors(ObjectNode get, List<Shared> errors) {
        ObjectNode responses = (ObjectNode) get.get("responses");
        errors.forEach(e -> responses.set(e.status(), e.ref()));
    }

    private static ObjectNode filter(ArrayNode params, String name, String description, String type,
            String example) {
        ObjectNode p = params.addObject().put("name", name).put("in", "query").put("required", false)
                .put("description", description);
        p.putObject("schema").put("type", type);
        if (example != null) {
            p.put("example", example);
        }
        return p;
    }
}

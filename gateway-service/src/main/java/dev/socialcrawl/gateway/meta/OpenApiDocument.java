package dev.socialcrawl.gateway.meta;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.ParamSpec;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.catalog.RequestValidator;

/** The OpenAPI 3 document of the public API, generated once from the catalogue (docs/api.md#openapi-document). */
@Singleton
@Startup
public class OpenApiDocument {
    private static final List<ErrorCode> CATALOGUE_ERRORS = List.of(ErrorCode.INVALID_REQUEST,
            ErrorCode.MISSING_API_KEY, ErrorCode.INSUFFICIENT_CREDITS, ErrorCode.ENDPOINT_NOT_FOUND,
            ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.IDEMPOTENCY_KEY_CONFLICT,
            ErrorCode.IDEMPOTENCY_KEY_PAYLOAD_MISMATCH, ErrorCode.CONCURRENCY_LIMIT, ErrorCode.INTERNAL_ERROR,
            ErrorCode.UPSTREAM_ERROR, ErrorCode.SERVICE_UNAVAILABLE);

    private final byte[] json;

    public OpenApiDocument(Catalog catalog, ObjectMapper mapper) {
        this.json = write(mapper, build(catalog, mapper));
    }

    /** The document as served; the same array every time, never modified. */
    public byte[] bytes() {
        return json;
    }

    private static ObjectNode build(Catalog catalog, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("openapi", "3.0.3");
        root.putObject("info").put("title", "SocialCrawl API").put("version", "1")
                .put("description", "One API key, one response format, " + catalog.platforms().size()
                        + " platforms, " + catalog.endpoints().size() + " endpoints, paid per request in credits.");
        root.putArray("security").addObject().putArray("ApiKey");
        ObjectNode components = root.putObject("components");
        components.putObject("securitySchemes").putObject("ApiKey").put("type", "apiKey").put("in", "header")
                .put("name", "x-api-key");
        schemas(components.putObject("schemas"));
        ObjectNode responses = components.putObject("responses");
        for (ErrorCode code : ErrorCode.values()) {
            responses.putObject(code.name()).put("description", code.defaultMessage())
                    .putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/ErrorEnvelope");
        }
        ObjectNode paths = root.putObject("paths");
        for (Endpoint e : catalog.endpoints()) {
            paths.set(e.path(), endpoint(e, mapper));
        }
        paths.set("/v1/credits/balance", meta(mapper, "The account's balance and recent deductions", true));
        paths.set("/v1/status", meta(mapper, "Circuit breaker state of every platform", false));
        paths.set("/v1/openapi.json", meta(mapper, "This document", false));
        return root;
    }

    private static ObjectNode endpoint(Endpoint e, ObjectMapper mapper) {
        ObjectNode path = mapper.createObjectNode();
        ObjectNode get = path.putObject("get");
        get.put("operationId", e.platform() + "_" + e.resource().replace('/', '_').replace('-', '_'));
        get.put("summary", e.platform() + " " + e.resource() + " (" + e.archetype().catalogName() + ", "
                + e.tier().wireName() + ", " + e.cost() + " credits)");
        get.putArray("tags").add(e.platform());
        get.put("x-tier", e.tier().wireName());
        get.put("x-cost", e.cost());
        get.put("x-archetype", e.archetype().catalogName());
        if (!e.oneOf().isEmpty()) {
            ArrayNode groups = get.putArray("x-one-of");
            e.oneOf().forEach(group -> {
                ArrayNode g = groups.addArray();
                group.forEach(g::add);
            });
            get.put("description", "At least one of each group is required: " + e.oneOf() + ".");
        }
        ArrayNode params = get.putArray("parameters");
        for (ParamSpec spec : e.params().values()) {
            params.add(param(spec, e.required().contains(spec.name()), mapper));
        }
        params.add(param(new ParamSpec("format", dev.socialcrawl.catalog.ParamType.ENUM, List.of("raw")), false,
                mapper).put("description", "raw: the upstream JSON untouched in data"));
        params.addObject().put("name", "Idempotency-Key").put("in", "header").put("required", false)
                .putObject("schema").put("type", "string").put("minLength", 16).put("maxLength", 255);
        params.addObject().put("name", "Cache-Control").put("in", "header").put("required", false)
                .put("description", "no-cache: a live, billed fetch that refreshes the cache")
                .putObject("schema").put("type", "string");
        ObjectNode responses = get.putObject("responses");
        responses.putObject("200").put("description", "Success; X-Cache tells whether it came from the cache")
                .putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/SuccessEnvelope");
        errorResponses(responses, CATALOGUE_ERRORS, true);
        responses.putObject("404").put("description", "ENDPOINT_NOT_FOUND or RESOURCE_NOT_FOUND (RESOURCE_NOT_FOUND "
                + "is refunded when the upstream answered with nothing usable)").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/ErrorEnvelope");
        return path;
    }

    private static void errorResponses(ObjectNode responses, List<ErrorCode> codes, boolean authenticated) {
        for (ErrorCode code : codes) {
            String status = Integer.toString(code.status());
            ObjectNode r = responses.putObject(status);
            String text = codes.stream().filter(c -> c.status() == code.status()).map(Enum::name)
                    .reduce((a, b) -> a + " or " + b).orElse(code.name());
            r.put("description", text);
            r.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/ErrorEnvelope");
        }
        if (authenticated) {
            responses.putObject("401").put("description", "MISSING_API_KEY or INVALID_API_KEY").putObject("content")
                    .putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/ErrorEnvelope");
        }
    }

    private static ObjectNode param(ParamSpec spec, boolean required, ObjectMapper mapper) {
        ObjectNode p = mapper.createObjectNode();
        p.put("name", spec.name()).put("in", "query").put("required", required);
        ObjectNode schema = p.putObject("schema");
        switch (spec.type()) {
            case INT -> schema.put("type", "integer").put("format", "int64");
            case BOOL -> schema.put("type", "boolean");
            case ENUM -> {
                schema.put("type", "string");
                ArrayNode values = schema.putArray("enum");
                spec.values().forEach(values::add);
            }
            case HANDLE -> schema.put("type", "string").put("maxLength", RequestValidator.MAX_HANDLE_LENGTH)
                    .put("pattern", "^[^@\\s]+$");
            case URL -> schema.put("type", "string").put("format", "uri")
                    .put("maxLength", RequestValidator.MAX_VALUE_LENGTH);
            case SUBREDDIT -> schema.put("type", "string").put("pattern", "^(?!/?r/)[^/\\s]+$")
                    .put("maxLength", RequestValidator.MAX_VALUE_LENGTH);
            case STRING -> schema.put("type", "string").put("maxLength", RequestValidator.MAX_VALUE_LENGTH);
        }
        p.put("x-param-type", spec.type().wireName());
        return p;
    }

    private static ObjectNode meta(ObjectMapper mapper, String summary, boolean auth) {
        ObjectNode path = mapper.createObjectNode();
        ObjectNode get = path.putObject("get");
        get.put("summary", summary);
        get.putArray("tags").add("meta");
        if (!auth) {
            get.putArray("security");
        }
        ObjectNode responses = get.putObject("responses");
        responses.putObject("200").put("description", summary).putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", auth || !summary.equals("This document")
                        ? "#/components/schemas/SuccessEnvelope" : "#/components/schemas/OpenApiDocument");
        errorResponses(responses, auth ? List.of(ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.INTERNAL_ERROR)
                : List.of(ErrorCode.METHOD_NOT_ALLOWED), auth);
        return path;
    }

    private static void schemas(ObjectNode schemas) {
        ObjectNode success = schemas.putObject("SuccessEnvelope").put("type", "object");
        ObjectNode sp = success.putObject("properties");
        sp.putObject("success").put("type", "boolean");
        sp.putObject("platform").put("type", "string");
        sp.putObject("endpoint").put("type", "string");
        sp.putObject("data").put("description", "The normalised payload; lists are {items, next_cursor?, total?}");
        sp.putObject("credits_used").put("type", "integer");
        sp.putObject("credits_remaining").put("type", "integer");
        sp.putObject("request_id").put("type", "string");
        sp.putObject("cached").put("type", "boolean");
        ObjectNode error = schemas.putObject("ErrorEnvelope").put("type", "object");
        ObjectNode ep = error.putObject("properties");
        ep.putObject("success").put("type", "boolean");
        ObjectNode detail = ep.putObject("error").put("type", "object").putObject("properties");
        ArrayNode types = detail.putObject("type").put("type", "string").putArray("enum");
        for (ErrorCode code : ErrorCode.values()) {
            types.add(code.name());
        }
        detail.putObject("message").put("type", "string");
        detail.putObject("status").put("type", "integer");
        detail.putObject("doc_url").put("type", "string").put("format", "uri");
        ep.putObject("credits_remaining").put("type", "integer");
        ep.putObject("request_id").put("type", "string");
        schemas.putObject("OpenApiDocument").put("type", "object");
    }

    private static byte[] write(ObjectMapper mapper, ObjectNode root) {
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document is always serialisable", e);
        }
    }
}

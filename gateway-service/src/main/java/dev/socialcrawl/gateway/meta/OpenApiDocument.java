package dev.socialcrawl.gateway.meta;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.ParamSpec;
import dev.socialcrawl.catalog.ParamType;
import dev.socialcrawl.catalog.Platform;
import dev.socialcrawl.catalog.RequestValidator;
import dev.socialcrawl.catalog.data.DataSchemas;
import dev.socialcrawl.errors.rest.ErrorResponses;
import dev.socialcrawl.gateway.meta.ApiResponses.Shared;
import dev.socialcrawl.gateway.site.SiteConfig;

/**
 * The OpenAPI 3.1 document of the public API (docs/api.md#openapi-document), generated once at start from the
 * catalogue (endpoints, parameters, tiers), the catalogue's data schemas and examples (what the proxy's normaliser
 * writes), and the {@code ErrorCode} table; {@code servers} is {@code gateway.public-base-url}.
 */
@Singleton
@Startup
public class OpenApiDocument {
    public static final String PATH = "/v1/openapi.json";
    private static final List<Shared> CATALOGUE_ERRORS = List.of(Shared.BAD_REQUEST, Shared.UNAUTHORIZED,
            Shared.INSUFFICIENT_CREDITS, Shared.NOT_FOUND, Shared.METHOD_NOT_ALLOWED, Shared.IDEMPOTENCY_KEY_CONFLICT,
            Shared.IDEMPOTENCY_KEY_PAYLOAD_MISMATCH, Shared.CONCURRENCY_LIMIT, Shared.INTERNAL_ERROR,
            Shared.UPSTREAM_ERROR, Shared.SERVICE_UNAVAILABLE);
    private static final String PARAMS = "#/components/parameters/";

    private final byte[] json;

    public OpenApiDocument(Catalog catalog, ObjectMapper mapper, SiteConfig site, ErrorResponses errors) {
        this.json = write(mapper, build(catalog, mapper, site.publicBaseUrl().toString().replaceAll("/+$", ""),
                errors.docBaseUrl()));
    }

    /** The document as served; the same array every time, never modified. */
    public byte[] bytes() {
        return json;
    }

    private static ObjectNode build(Catalog catalog, ObjectMapper mapper, String publicBaseUrl, String docBaseUrl) {
        ApiExamples examples = new ApiExamples(mapper);
        ObjectNode root = mapper.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info").put("title", "SocialCrawl API").put("version", "1").put("description",
                "One API key, one response format, " + catalog.platforms().size() + " platforms, "
                        + catalog.endpoints().size() + " endpoints, paid per request in credits (standard 1, "
                        + "advanced 5, premium 10). Send the key in `x-api-key`. Every answer is an envelope "
                        + "(`success`, `data` or `error`, `credits_used`, `credits_remaining`, `request_id`); every "
                        + "error type has a page under [/docs/errors](" + publicBaseUrl + "/docs/errors). "
                        + "Refundable failures (502, 503, 500, a 404 with nothing usable) give the credits back.");
        root.putArray("servers").addObject().put("url", publicBaseUrl).put("description", "This install");
        root.putArray("security").addObject().putArray("ApiKey");
        ArrayNode tags = root.putArray("tags");
        for (Platform p : catalog.platforms()) {
            tags.addObject().put("name", p.name());
        }
        tags.addObject().put("name", MetaRoutes.META).put("description", "Balance, activity log, platform status and "
                + "this document: free.");
        components(root.putObject("components"), catalog, mapper, docBaseUrl);
        ObjectNode paths = root.putObject("paths");
        for (Endpoint e : catalog.endpoints()) {
            paths.set(e.path(), catalogue(e, mapper, examples));
        }
        MetaOperations meta = new MetaOperations(mapper, examples, catalog);
        paths.set("/v1/credits/balance", meta.balance());
        paths.set("/v1/activity", meta.activity());
        paths.set("/v1/status", meta.status());
        paths.set(PATH, meta.openApi());
        return root;
    }

    private static void components(ObjectNode components, Catalog catalog, ObjectMapper mapper, String docBaseUrl) {
        components.putObject("securitySchemes").putObject("ApiKey").put("type", "apiKey").put("in", "header")
                .put("name", "x-api-key").put("description", "`sc_` followed by 43 URL-safe characters.");
        ObjectNode schemas = components.putObject("schemas");
        ApiSchemas.all(catalog).forEach(schemas::set);
        ObjectNode headers = components.putObject("headers");
        ApiHeaders.all().forEach(headers::set);
        ObjectNode responses = components.putObject("responses");
        ApiResponses.all(docBaseUrl, mapper).forEach(responses::set);
        ObjectNode params = components.putObject("parameters");
        ObjectNode format = param(new ParamSpec(Catalog.FORMAT_PARAM, ParamType.ENUM, List.of("raw")),
                false, mapper).put("description", "`raw`: `data` is the provider's JSON untouched (schema RawData): "
                        + "not normalised, no `computed`, no empty check. Cached and billed like any request.");
        params.set("Format", format);
        ObjectNode key = params.putObject("IdempotencyKey").put("name", "Idempotency-Key").put("in", "header")
                .put("required", false).put("description", "Makes retries safe: the same key and request within "
                        + "24 hours replay the first answer for free (`X-Idempotent-Replay: true`); another request "
                        + "with it is 422, another account's use 409. A fresh UUIDv4 per logical request.");
        key.putObject("schema").put("type", "string").put("minLength", 16).put("maxLength", 255)
                .put("pattern", "^[\\x21-\\x7E]+$");
        key.put("example", "3f1b9c84-5d2e-4f6a-9b7c-2e8d1a0f4c55");
        ObjectNode cacheControl = params.putObject("CacheControl").put("name", "Cache-Control").put("in", "header")
                .put("required", false).put("description", "`no-cache`: skip the cache, fetch live (billed) and "
                        + "refresh the entry. `max-stale` or `max-stale=N`: when the live fetch fails (502, 503, 500) "
                        + "or the breaker is open, accept a cached answer that expired at most N seconds ago (any age "
                        + "without N): 200, `X-Cache: STALE`, `Age`, free.");
        cacheControl.putObject("schema").put("type", "string").putArray("examples").add("no-cache")
                .add("max-stale=3600").add("max-stale");
    }

    private static ObjectNode catalogue(Endpoint e, ObjectMapper mapper, ApiExamples examples) {
        ObjectNode path = mapper.createObjectNode();
        ObjectNode get = path.putObject("get");
        get.put("operationId", e.platform() + "_" + e.resource().replace('/', '_').replace('-', '_'));
        get.put("summary", e.platform() + " " + e.resource());
        String dataSchema = DataSchemas.nameFor(e);
        StringBuilder description = new StringBuilder().append(e.archetype().catalogName()).append(", ")
                .append(e.tier().wireName()).append(" tier: ").append(e.cost()).append(e.cost() == 1 ? " credit" :
                        " credits").append(" per request, nothing for cache hits and replays. `data`: ")
                .append(dataSchema).append('.');
        if (!e.oneOf().isEmpty()) {
            description.append(" At least one of each group is required: ").append(e.oneOf()).append('.');
        }
        get.put("description", description.toString());
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
        }
        ArrayNode params = get.putArray("parameters");
        Map<String, String> query = examples.query(e);
        for (ParamSpec spec : e.params().values()) {
            ObjectNode p = param(spec, e.required().contains(spec.name()), mapper);
            if (query.containsKey(spec.name())) {
                p.put("example", query.get(spec.name()));
            }
            params.add(p);
        }
        params.addObject().put("$ref", PARAMS + "Format");
        params.addObject().put("$ref", PARAMS + "IdempotencyKey");
        params.addObject().put("$ref", PARAMS + "CacheControl");
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "The data (`X-Cache` tells whether it came "
                + "from the cache; `X-Idempotent-Replay` whether it is a replay).");
        headers(ok, ApiHeaders.CREDITS_USED, ApiHeaders.CREDITS_REMAINING, ApiHeaders.CACHE, ApiHeaders.AGE,
                ApiHeaders.REPLAY, ApiHeaders.ORIGINAL_REQUEST_ID);
        json(ok, ApiSchemas.response(dataSchema), "The sandbox's answer to " + e.path() + queryString(query),
                examples.catalogue(e));
        for (Shared error : CATALOGUE_ERRORS) {
            responses.set(error.status(), error.ref());
        }
        return path;
    }

    static ObjectNode param(ParamSpec spec, boolean required, ObjectMapper mapper) {
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

    /** Adds {@code X-Request-Id} and the named headers to a response. */
    static void headers(ObjectNode response, String... names) {
        ObjectNode headers = response.putObject("headers");
        headers.set(ApiHeaders.REQUEST_ID, ApiResponses.header(ApiHeaders.REQUEST_ID));
        for (String name : names) {
            headers.set(name, ApiResponses.header(name));
        }
    }

    /** Sets a response's JSON content: a schema by name and one example. */
    static void json(ObjectNode response, String schema, String summary, JsonNode example) {
        ObjectNode content = response.putObject("content").putObject("application/json");
        content.set("schema", ApiSchemas.ref(schema));
        content.putObject("examples").putObject("example").put("summary", summary).set("value", example);
    }

    private static String queryString(Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? '?' : '&').append(k).append('=').append(v));
        return q.toString();
    }

    private static byte[] write(ObjectMapper mapper, ObjectNode root) {
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document is always serialisable", e);
        }
    }
}

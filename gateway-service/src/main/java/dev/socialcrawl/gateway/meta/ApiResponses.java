package dev.socialcrawl.gateway.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.errors.ErrorCode;

/**
 * The error answers of the OpenAPI document ({@code components.responses}): one per status, each with the error
 * types it can carry (described from the {@link ErrorCode} table, with its example envelope) and the headers it has.
 */
final class ApiResponses {
    static final String PREFIX = "#/components/responses/";

    /** One shared error answer. */
    enum Shared {
        BAD_REQUEST(List.of(ErrorCode.INVALID_REQUEST), true, ApiHeaders.CREDITS_USED, ApiHeaders.CREDITS_REMAINING),
        UNAUTHORIZED(List.of(ErrorCode.MISSING_API_KEY, ErrorCode.INVALID_API_KEY), false),
        INSUFFICIENT_CREDITS(List.of(ErrorCode.INSUFFICIENT_CREDITS), false, ApiHeaders.CREDITS_USED,
                ApiHeaders.CREDITS_REMAINING),
        NOT_FOUND(List.of(ErrorCode.ENDPOINT_NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND), true, ApiHeaders.CREDITS_USED,
                ApiHeaders.CREDITS_REMAINING, ApiHeaders.CACHE, ApiHeaders.REPLAY, ApiHeaders.ORIGINAL_REQUEST_ID),
        METHOD_NOT_ALLOWED(List.of(ErrorCode.METHOD_NOT_ALLOWED), false, ApiHeaders.ALLOW),
        IDEMPOTENCY_KEY_CONFLICT(List.of(ErrorCode.IDEMPOTENCY_KEY_CONFLICT), false, ApiHeaders.CREDITS_USED,
                ApiHeaders.CREDITS_REMAINING),
        IDEMPOTENCY_KEY_PAYLOAD_MISMATCH(List.of(ErrorCode.IDEMPOTENCY_KEY_PAYLOAD_MISMATCH), false,
                ApiHeaders.CREDITS_USED, ApiHeaders.CREDITS_REMAINING),
        CONCURRENCY_LIMIT(List.of(ErrorCode.CONCURRENCY_LIMIT), false, ApiHeaders.CREDITS_USED,
                ApiHeaders.CREDITS_REMAINING, ApiHeaders.RETRY_AFTER),
        INTERNAL_ERROR(List.of(ErrorCode.INTERNAL_ERROR), false, ApiHeaders.CREDITS_USED,
                ApiHeaders.CREDITS_REMAINING, ApiHeaders.CACHE),
        UPSTREAM_ERROR(List.of(ErrorCode.UPSTREAM_ERROR), false, ApiHeaders.CREDITS_USED,
                ApiHeaders.CREDITS_REMAINING, ApiHeaders.CACHE),
        SERVICE_UNAVAILABLE(List.of(ErrorCode.SERVICE_UNAVAILABLE), false, ApiHeaders.CREDITS_USED,
                ApiHeaders.CREDITS_REMAINING, ApiHeaders.CACHE, ApiHeaders.RETRY_AFTER);

        private final List<ErrorCode> codes;
        /** Whether some answers of this status come before the key is read (so without credit headers). */
        private final boolean sometimesBeforeTheKey;
        private final List<String> headers;

        Shared(List<ErrorCode> codes, boolean sometimesBeforeTheKey, String... headers) {
            this.codes = codes;
            this.sometimesBeforeTheKey = sometimesBeforeTheKey;
            this.headers = List.of(headers);
        }

        String status() {
            return Integer.toString(codes.get(0).status());
        }

        /** The reference an operation's {@code responses} entry holds. */
        ObjectNode ref() {
            return JsonNodeFactory.instance.objectNode().put("$ref", PREFIX + name());
        }

        /** The headers this answer may have besides {@code X-Request-Id}. */
        List<String> headers() {
            return headers;
        }
    }

    private ApiResponses() {
    }

    static Map<String, ObjectNode> all(String docBaseUrl, ObjectMapper mapper) {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        for (Shared shared : Shared.values()) {
            all.put(shared.name(), response(shared, docBaseUrl, mapper));
        }
        return all;
    }

    private static ObjectNode response(Shared shared, String docBaseUrl, ObjectMapper mapper) {
        StringBuilder description = new StringBuilder();
        for (ErrorCode code : shared.codes) {
            description.append(description.length() == 0 ? "" : "\n\n").append('`').append(code.name())
                    .append("`: ").append(code.title()).append(". ").append(code.refundText());
        }
        if (shared.sometimesBeforeTheKey) {
            description.append("\n\nCredit headers only when the account is known (not when the query string "
                    + "itself cannot be read, which is checked before the key).");
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode().put("description", description.toString());
        ObjectNode headers = response.putObject("headers");
        headers.set(ApiHeaders.REQUEST_ID, header(ApiHeaders.REQUEST_ID));
        shared.headers.forEach(h -> headers.set(h, header(h)));
        ObjectNode json = response.putObject("content").putObject("application/json");
        json.set("schema", ApiSchemas.ref(ApiSchemas.ERROR));
        ObjectNode examples = json.putObject("examples");
        for (ErrorCode code : shared.codes) {
            examples.putObject(code.name()).put("summary", code.title())
                    .set("value", mapper.valueToTree(code.exampleEnvelope(docBaseUrl)));
        }
        return response;
    }

    static ObjectNode header(String name) {
        return JsonNodeFactory.instance.objectNode().put("$ref", "#/components/headers/" + name);
    }
}

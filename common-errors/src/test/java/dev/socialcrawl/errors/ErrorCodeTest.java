package dev.socialcrawl.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Each row of the seed's error table (shared/seed/error-handling.txt) against the enum. */
class ErrorCodeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "http://localhost:8080/docs/errors";

    @ParameterizedTest(name = "{0} is {1}, slug {2}, {3}")
    @CsvSource({
            "MISSING_API_KEY,                  401, missing-api-key,                  NEVER_CHARGED",
            "INVALID_API_KEY,                  401, invalid-api-key,                  NEVER_CHARGED",
            "INSUFFICIENT_CREDITS,             402, insufficient-credits,             NEVER_CHARGED",
            "INVALID_REQUEST,                  400, invalid-request,                  NEVER_CHARGED",
            "METHOD_NOT_ALLOWED,               405, method-not-allowed,               NEVER_CHARGED",
            "ENDPOINT_NOT_FOUND,               404, endpoint-not-found,               NEVER_CHARGED",
            "RESOURCE_NOT_FOUND,               404, resource-not-found,               REFUNDED_IF_EMPTY_UPSTREAM",
            "IDEMPOTENCY_KEY_CONFLICT,         409, idempotency-key-conflict,         NEVER_CHARGED",
            "IDEMPOTENCY_KEY_PAYLOAD_MISMATCH, 422, idempotency-key-payload-mismatch, NEVER_CHARGED",
            "CONCURRENCY_LIMIT,                429, concurrency-limit,                NEVER_CHARGED",
            "UPSTREAM_ERROR,                   502, upstream-error,                   REFUNDED",
            "SERVICE_UNAVAILABLE,              503, service-unavailable,              REFUNDED",
            "INTERNAL_ERROR,                   500, internal-error,                   REFUNDED",
    })
    void rowMatchesTheSeedTable(String type, int status, String slug, RefundRule rule) {
        ErrorCode code = ErrorCode.valueOf(type);
        assertEquals(status, code.status());
        assertEquals(slug, code.slug());
        assertEquals(rule, code.refundRule());
        assertEquals("https://www.socialcrawl.dev/docs/errors/" + slug,
                code.docUrl("https://www.socialcrawl.dev/docs/errors"));
        assertFalse(code.defaultMessage().isBlank());
    }

    @Test
    void thereAreExactlyTheThirteenCodesOfTheSeed() {
        assertEquals(13, ErrorCode.values().length);
    }

    @Test
    void onlyServerSideFailuresAndEmptyUpstreamGiveCreditsBack() {
        Set<ErrorCode> refundedAlways = Arrays.stream(ErrorCode.values())
                .filter(c -> c.refundsDebit(false)).collect(Collectors.toSet());
        assertEquals(Set.of(ErrorCode.UPSTREAM_ERROR, ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.INTERNAL_ERROR),
                refundedAlways);
        assertTrue(ErrorCode.RESOURCE_NOT_FOUND.refundsDebit(true), "empty upstream 200 is refunded");
        assertFalse(ErrorCode.RESOURCE_NOT_FOUND.refundsDebit(false), "upstream 404 is charged");
        assertFalse(ErrorCode.INVALID_REQUEST.refundsDebit(true));
    }

    @Test
    void docUrlToleratesATrailingSlashInTheBase() {
        assertEquals("https://docs.example/errors/upstream-error",
                ErrorCode.UPSTREAM_ERROR.docUrl("https://docs.example/errors/"));
    }

    @Test
    void typesResolveBackToCodes() {
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c, ErrorCode.fromType(c.name()));
        }
        assertNull(ErrorCode.fromType("NOPE"));
        assertNull(ErrorCode.fromType(null));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeSaysWhatItMeansWhetherCreditsCameBackAndWhatToDo(ErrorCode code) {
        for (String text : new String[] { code.title(), code.meaning(), code.refundText(), code.whatToDo() }) {
            assertFalse(text == null || text.isBlank(), code + " has every text of its page");
            assertEquals(0, text.chars().filter(c -> c == '`').count() % 2,
                    code + ": code marks come in pairs: " + text);
            assertFalse(text.toLowerCase(Locale.ROOT).contains("dashboard"),
                    code + " points at what this install has, not at a commercial dashboard");
        }
        assertEquals(code.refundRule().text(), code.refundText());
    }

    @Test
    void theRefundTextFollowsTheRefundRule() {
        assertTrue(ErrorCode.UPSTREAM_ERROR.refundText().startsWith("Credits were refunded"));
        assertTrue(ErrorCode.INVALID_REQUEST.refundText().startsWith("No credits were charged"));
        assertTrue(ErrorCode.RESOURCE_NOT_FOUND.refundText().contains("no usable data"));
        assertTrue(ErrorCode.RESOURCE_NOT_FOUND.refundText().contains("upstream 404"));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void theExampleEnvelopeIsWhatErrorEnvelopeOfWrites(ErrorCode code) throws Exception {
        ErrorEnvelope example = code.exampleEnvelope(BASE);
        String json = MAPPER.writeValueAsString(example);
        ErrorEnvelope written = ErrorEnvelope.of(code, example.error().message(), example.creditsRemaining(),
                ErrorCode.EXAMPLE_REQUEST_ID, BASE);
        assertEquals(MAPPER.writeValueAsString(written), json);
        assertEquals(written, MAPPER.readValue(json, ErrorEnvelope.class));

        JsonNode tree = MAPPER.readTree(json);
        assertFalse(tree.get("success").asBoolean());
        assertEquals(code.name(), tree.at("/error/type").asText());
        assertEquals(code.status(), tree.at("/error/status").asInt());
        assertEquals(BASE + "/" + code.slug(), tree.at("/error/doc_url").asText());
        assertFalse(tree.at("/error/message").asText().isBlank());
        assertTrue(RequestIds.isValid(tree.get("request_id").asText()));
        // The account is unknown before the key is checked (401) and on a 405, which is answered before it.
        boolean accountUnknown = code.status() == 401 || code == ErrorCode.METHOD_NOT_ALLOWED;
        assertEquals(!accountUnknown, tree.has("credits_remaining"),
                code + ": credits_remaining when the account is known");
    }

    @Test
    void theInsufficientCreditsExampleHasTheContractsMessageAndTheBalance() {
        ErrorEnvelope example = ErrorCode.INSUFFICIENT_CREDITS.exampleEnvelope(BASE);
        assertEquals("Your account has 0 credits remaining. This endpoint requires 1 credits.",
                example.error().message());
        assertEquals(0L, example.creditsRemaining());
    }
}

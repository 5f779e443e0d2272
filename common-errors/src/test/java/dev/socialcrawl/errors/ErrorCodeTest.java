package dev.socialcrawl.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each row of the seed's error table (shared/seed/error-handling.txt) against the enum. */
class ErrorCodeTest {

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
}

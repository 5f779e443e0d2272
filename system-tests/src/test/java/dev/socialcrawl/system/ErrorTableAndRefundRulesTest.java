package dev.socialcrawl.system;

import static dev.socialcrawl.system.Envelopes.error;
import static dev.socialcrawl.system.Envelopes.success;
import static dev.socialcrawl.system.Envelopes.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Every row of the seed's error table and every refund rule, through the gateway as a customer sees it, with
 * the ledger checked through billing's ledger API.
 */
class ErrorTableAndRefundRulesTest extends SystemTestBase {
    private static final String SEARCH = "/v1/reddit/search";

    @Test
    void aServedRequestIsChargedOnceAndSettledSoTheSweeperNeverRefundsIt() {
        Operator.Account acc = operator.newAccount();
        Response r = customer(acc.key()).queryParam("query", unique()).get(SEARCH);
        success(r, 1, false);
        assertEquals(99, r.jsonPath().getLong("credits_remaining"));
        assertEquals("99", r.header("X-Credits-Remaining"));
        assertFalse(r.jsonPath().getList("data.items").isEmpty());
        String id = r.jsonPath().getString("request_id");
        assertEquals(List.of("debit"), operator.entryTypes(id));
        // past the sweeper bound, a settled debit is still just a debit
        await().pollDelay(Duration.ofSeconds(SystemSuite.SWEEPER_BOUND_S + 3)).atMost(Duration.ofSeconds(30))
                .until(() -> operator.entryTypes(id).equals(List.of("debit")));
        assertEquals(99, operator.balance(acc.id()));
    }

    @Test
    void missingApiKeyIs401WithoutCreditsRemaining() {
        Response r = customer(null).queryParam("query", "x").get(SEARCH);
        error(r, 401, "MISSING_API_KEY");
        assertNull(r.jsonPath().get("credits_remaining"));
        error(customer("").queryParam("query", "x").get(SEARCH), 401, "MISSING_API_KEY");
    }

    @Test
    void malformedUnknownAndRevokedKeysAreAllTheSameInvalidApiKey() {
        Response malformed = error(customer("sc_nope").queryParam("query", "x").get(SEARCH), 401, "INVALID_API_KEY");
        Response unknown = error(customer("sc_" + "A".repeat(43)).queryParam("query", "x").get(SEARCH), 401,
                "INVALID_API_KEY");
        Operator.Account acc = operator.newAccount();
        operator.revoke(acc);
        Response revoked = error(customer(acc.key()).queryParam("query", "x").get(SEARCH), 401, "INVALID_API_KEY");
        assertEquals(malformed.jsonPath().getString("error.message"), unknown.jsonPath().getString("error.message"));
        assertEquals(malformed.jsonPath().getString("error.message"), revoked.jsonPath().getString("error.message"));
        assertNull(revoked.jsonPath().get("credits_remaining"));
    }

    @Test
    void insufficientCreditsIs402WithTheExactMessageAndNothingCharged() {
        Operator.Account acc = operator.newAccount();
        operator.credit(acc.id(), -100, "adjustment");
        Response r = error(customer(acc.key()).queryParam("query", unique()).get(SEARCH), 402, "INSUFFICIENT_CREDITS");
        assertEquals("Your account has 0 credits remaining. This endpoint requires 1 credits.",
                r.jsonPath().getString("error.message"));
        assertEquals(0, r.jsonPath().getLong("credits_remaining"));
        assertEquals(List.of(), operator.entryTypes(r.jsonPath().getString("request_id")));
        assertEquals(0, suite.upstream.calls("reddit"));
    }

    @Test
    void clientErrorsAreRejectedBeforeAnyDebit() {
        Operator.Account acc = operator.newAccount();
        Response missing = error(customer(acc.key()).get(SEARCH), 400, "INVALID_REQUEST");
        assertEquals("Missing required parameter(s): query", missing.jsonPath().getString("error.message"));
        assertEquals(100, missing.jsonPath().getLong("credits_remaining"));
        error(customer(acc.key()).queryParam("query", "x").queryParam("colour", "red").get(SEARCH), 400,
                "INVALID_REQUEST");
        error(customer(acc.key()).queryParam("handle", "@someone").get("/v1/tiktok/profile"), 400, "INVALID_REQUEST");
        error(customer(acc.key()).get("/v1/myspace/profile"), 404, "ENDPOINT_NOT_FOUND");
        error(customer(acc.key()).get("/v1/reddit/nothing-here"), 404, "ENDPOINT_NOT_FOUND");
        Response post = error(customer(acc.key()).queryParam("query", "x").post(SEARCH), 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", post.header("Allow"));
        error(customer(null).delete(SEARCH), 405, "METHOD_NOT_ALLOWED");
        assertEquals(100, operator.balance(acc.id()));
        assertEquals(0, suite.upstream.calls("reddit"));
    }

    @Test
    void upstream404IsResourceNotFoundAndCharged() {
        suite.upstream.rule("reddit", FakeUpstream.Rule.notFound());
        Operator.Account acc = operator.newAccount();
        Response r = error(customer(acc.key()).queryParam("query", unique()).get(SEARCH), 404, "RESOURCE_NOT_FOUND");
        assertEquals(99, r.jsonPath().getLong("credits_remaining"));
        assertEquals(List.of("debit"), operator.entryTypes(r.jsonPath().getString("request_id")));
    }

    @Test
    void emptyUpstream200IsResourceNotFoundAndRefunded() {
        suite.upstream.rule("reddit", FakeUpstream.Rule.empty());
        Operator.Account acc = operator.newAccount();
        Response r = error(customer(acc.key()).queryParam("query", unique()).get(SEARCH), 404, "RESOURCE_NOT_FOUND");
        assertRefunded(acc, r);
    }

    @Test
    void upstream5xxIsUpstreamErrorAndRefunded() {
        suite.upstream.rule("threads", FakeUpstream.Rule.serverError());
        Operator.Account acc = operator.newAccount();
        Response r = error(customer(acc.key()).queryParam("query", unique()).get("/v1/threads/search"), 502,
                "UPSTREAM_ERROR");
        assertRefunded(acc, r);
    }

    @Test
    void proxyUnreachableIsInternalErrorAndRefunded() {
        Operator.Account acc = operator.newAccount();
        suite.proxy.stop();
        Response r = error(customer(acc.key()).queryParam("query", unique()).get(SEARCH), 500, "INTERNAL_ERROR");
        assertRefunded(acc, r);
    }

    @Test
    void idempotencyConflictAndMismatchAreFree() {
        Operator.Account first = operator.newAccount();
        Operator.Account second = operator.newAccount();
        String key = java.util.UUID.randomUUID().toString();
        String q = unique();
        success(customer(first.key()).header("Idempotency-Key", key).queryParam("query", q).get(SEARCH), 1, false);

        Response conflict = error(customer(second.key()).header("Idempotency-Key", key).queryParam("query", q).get(SEARCH),
                409, "IDEMPOTENCY_KEY_CONFLICT");
        assertEquals(100, conflict.jsonPath().getLong("credits_remaining"));
        error(customer(first.key()).header("Idempotency-Key", key).queryParam("query", unique()).get(SEARCH), 422,
                "IDEMPOTENCY_KEY_PAYLOAD_MISMATCH");

        Response replay = customer(first.key()).header("Idempotency-Key", key).queryParam("query", q).get(SEARCH);
        assertEquals(200, replay.statusCode());
        assertEquals("true", replay.header("X-Idempotent-Replay"));
        assertEquals(0, replay.jsonPath().getLong("credits_used"));
        assertEquals("0", replay.header("X-Credits-Used"));
        assertEquals(99, operator.balance(first.id()));
        assertEquals(100, operator.balance(second.id()));
        assertEquals(1, suite.upstream.calls("reddit"));
    }

    @Test
    void cacheHitsAreFreeAndNoCacheRefreshesAndBills() {
        Operator.Account acc = operator.newAccount();
        String q = unique();
        success(customer(acc.key()).queryParam("query", q).get(SEARCH), 1, false);
        Response hit = success(customer(suite.gatewayB, acc.key()).queryParam("query", q).get(SEARCH), 0, true);
        assertEquals(99, hit.jsonPath().getLong("credits_remaining"));
        assertEquals(List.of(), operator.entryTypes(hit.jsonPath().getString("request_id")));
        success(customer(acc.key()).header("Cache-Control", "no-cache").queryParam("query", q).get(SEARCH), 1, false);
        assertEquals(98, operator.balance(acc.id()));
        assertEquals(2, suite.upstream.calls("reddit"));
    }

    @Test
    void publicRoutesAnswerWithoutAKeyAndBalanceNeedsOne() {
        Response status = customer(null).get("/v1/status");
        assertEquals(200, status.statusCode());
        assertEquals("meta", status.jsonPath().getString("platform"));
        assertEquals(21, status.jsonPath().getMap("data.platforms").size());
        requestIdHeaderMatchesBody(status);
        Response openapi = customer(null).get("/v1/openapi.json");
        assertEquals(200, openapi.statusCode());
        Set<String> meta = Set.of("/v1/credits/balance", "/v1/activity", "/v1/status", "/v1/openapi.json");
        assertEquals(108, openapi.jsonPath().getMap("paths").keySet().stream().filter(p -> !meta.contains(p)).count());
        error(customer(null).get("/v1/credits/balance"), 401, "MISSING_API_KEY");
        Operator.Account acc = operator.newAccount();
        Response balance = customer(acc.key()).get("/v1/credits/balance");
        assertEquals(200, balance.statusCode());
        assertEquals(100, balance.jsonPath().getLong("data.balance"));
        assertEquals("no-store", balance.header("Cache-Control"));
    }

    private void assertRefunded(Operator.Account acc, Response r) {
        assertEquals("0", r.header("X-Credits-Used"));
        assertEquals(100, r.jsonPath().getLong("credits_remaining"));
        String id = r.jsonPath().getString("request_id");
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.entryTypes(id).equals(List.of("debit", "refund")));
        assertEquals(100, operator.balance(acc.id()));
    }
}

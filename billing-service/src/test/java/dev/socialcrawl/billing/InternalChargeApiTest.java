package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.debitBody;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class InternalChargeApiTest {

    @Test
    void aDebitAnswersTheBalanceAfterIt() {
        long account = Api.newAccount();
        String id = rid();
        internal().body(debitBody(id, account, 5)).post("/internal/debits").then().statusCode(200)
                .body("request_id", equalTo(id))
                .body("amount", equalTo(5))
                .body("balance", equalTo(95))
                .body("replayed", equalTo(false));
    }

    @Test
    void aRepeatedDebitReturnsTheFirstResultAndWritesOneEntry() {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 5);
        Api.debit(rid(), account, 1);
        internal().body(debitBody(id, account, 5)).post("/internal/debits").then().statusCode(200)
                .body("balance", equalTo(95))
                .body("replayed", equalTo(true));
        admin().get("/ledger/requests/" + id).then().statusCode(200).body("items", hasSize(1));
        assertEquals(94, Api.balance(account));
    }

    @Test
    void reusingARequestIdForAnotherAmountIsRefused() {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 5);
        internal().body(debitBody(id, account, 7)).post("/internal/debits").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"));
        assertEquals(95, Api.balance(account));
    }

    @Test
    void anInsufficientBalanceIsThe402WithTheExactSeedMessageAndNothingIsWritten() {
        long account = Api.accountWith(3);
        String id = rid();
        internal().body(debitBody(id, account, 5)).post("/internal/debits").then().statusCode(402)
                .body("error.type", equalTo("INSUFFICIENT_CREDITS"))
                .body("error.message", equalTo("Your account has 3 credits remaining. This endpoint requires 5 credits."))
                .body("credits_remaining", equalTo(3));
        admin().get("/ledger/requests/" + id).then().statusCode(404);
        assertEquals(3, Api.balance(account));
    }

    @Test
    void debitingAnUnknownAccountIsA404() {
        internal().body(debitBody(rid(), 99999999, 1)).post("/internal/debits").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"))
                .body("error.message", equalTo("Account 99999999 does not exist."));
    }

    @Test
    void badDebitBodiesAreRefusedPrecisely() {
        long account = Api.newAccount();
        expect400(withField(account, "amount", 0), "Invalid request body: field 'amount' must be a positive whole number of credits.");
        expect400(withField(account, "amount", -3), "Invalid request body: field 'amount' must be a positive whole number of credits.");
        expect400(withField(account, "amount", "5"), "Invalid request body: field 'amount' has the wrong type or format.");
        expect400(withField(account, "amount", 1.5), "Invalid request body: field 'amount' has the wrong type or format.");
        expect400(withField(account, "amount", null), "Invalid request body: field 'amount' is required.");
        expect400(withField(account, "request_id", null), "Invalid request body: field 'request_id' is required and must not be blank.");
        expect400(withField(account, "request_id", "r".repeat(129)), "Invalid request body: field 'request_id' is longer than 128 characters.");
        expect400(withField(account, "request_id", "has space"), "Invalid request body: field 'request_id' may contain only letters, digits and . _ : ~ -.");
        expect400(withField(account, "endpoint", "e".repeat(201)), "Invalid request body: field 'endpoint' is longer than 200 characters.");
        expect400(withField(account, "account_id", "twelve"), "Invalid request body: field 'account_id' has the wrong type or format.");
        expect400(withField(account, "surprise", 1), "Invalid request body: unknown field 'surprise'.");
        internal().body("{").post("/internal/debits").then().statusCode(400).body("error.type", equalTo("INVALID_REQUEST"));
        assertEquals(100, Api.balance(account), "nothing was debited");
    }

    @Test
    void aRefundGivesTheCreditsBackOnceAndAReplayAnswersReplayed() {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 5);
        internal().body(Map.of("request_id", id)).post("/internal/refunds").then().statusCode(200)
                .body("request_id", equalTo(id)).body("amount", equalTo(5)).body("balance", equalTo(100))
                .body("replayed", equalTo(false));
        internal().body(Map.of("request_id", id)).post("/internal/refunds").then().statusCode(200)
                .body("amount", equalTo(5)).body("balance", equalTo(100)).body("replayed", equalTo(true));
        admin().get("/ledger/requests/" + id).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[1].type", equalTo("refund"))
                .body("items[1].refund_of", equalTo(admin().get("/ledger/requests/" + id).jsonPath().getInt("items[0].id")));
        assertEquals(100, Api.balance(account));
    }

    @Test
    void refundingAnUnknownRequestIsA404() {
        String id = rid();
        internal().body(Map.of("request_id", id)).post("/internal/refunds").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"))
                .body("error.message", equalTo("No debit exists for request_id " + id + "; none can be written any more."));
        internal().body(Map.of()).post("/internal/refunds").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'request_id' is required and must not be blank."));
    }

    @Test
    void settlingCountsDebitedUnrefundedIdsAndIgnoresTheRest() {
        long account = Api.newAccount();
        String a = rid();
        String b = rid();
        Api.debit(a, account, 1);
        Api.debit(b, account, 1);
        internal().body(Map.of("request_id", b)).post("/internal/refunds").then().statusCode(200);
        internal().body(Map.of("request_ids", List.of(a, b, rid()))).post("/internal/settlements").then().statusCode(200)
                .body("settled", equalTo(1));
        internal().body(Map.of("request_ids", List.of(a))).post("/internal/settlements").then().statusCode(200)
                .body("settled", equalTo(1));
    }

    @Test
    void aSettledDebitIsNotRefundableHereAndSettlingARefundedOneChangesNothing() {
        long account = Api.newAccount();
        String served = rid();
        String refunded = rid();
        Api.debit(served, account, 4);
        Api.debit(refunded, account, 2);
        internal().body(Map.of("request_ids", List.of(served))).post("/internal/settlements").then().statusCode(200)
                .body("settled", equalTo(1));
        Api.refund(refunded).then().statusCode(200);

        Api.refund(served).then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("request_id " + served
                        + " was served and settled; corrections are admin adjustments."));
        internal().body(Map.of("request_ids", List.of(refunded, served))).post("/internal/settlements").then()
                .statusCode(200).body("settled", equalTo(1));
        Api.refund(refunded).then().statusCode(200).body("replayed", equalTo(true)).body("balance", equalTo(96));

        assertEquals(List.of("debit"), Api.entryTypes(served));
        assertEquals(List.of("debit", "refund"), Api.entryTypes(refunded));
        assertEquals(96, Api.balance(account));
        Api.assertIntegrityClean();
    }

    @Test
    void badSettlementBodiesAreRefused() {
        String message = "Invalid request body: field 'request_ids' must hold 1 to 500 ids.";
        internal().body(Map.of("request_ids", List.of())).post("/internal/settlements").then().statusCode(400)
                .body("error.message", equalTo(message));
        internal().body(Map.of("request_ids", java.util.Collections.nCopies(501, "req-x"))).post("/internal/settlements")
                .then().statusCode(400).body("error.message", equalTo(message));
        internal().body(Map.of("request_ids", "req-x")).post("/internal/settlements").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"));
    }

    @Test
    void theBalanceShowsRecentDeductionsNetOfRefunds() {
        long account = debitedRefundedAndToppedUp();
        internal().get("/internal/accounts/" + account + "/balance").then().statusCode(200)
                .body("account_id", equalTo((int) account))
                .body("balance", equalTo(105))
                .body("recent_deductions.last_24h", equalTo(5))
                .body("recent_deductions.last_7d", equalTo(5));
        admin().get("/ledger/accounts/" + account + "/balance").then().statusCode(200)
                .body("balance", equalTo(105)).body("recent_deductions.last_24h", equalTo(5));
        internal().get("/internal/accounts/99999999/balance").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"));
    }

    @Test
    void theCurrentBalanceIsTheBalanceAloneWithoutTheLedgerSums() {
        long account = debitedRefundedAndToppedUp();
        internal().get("/internal/accounts/" + account + "/current-balance").then().statusCode(200)
                .body("account_id", equalTo((int) account))
                .body("balance", equalTo(105))
                .body("$", not(hasKey("recent_deductions")));
        internal().get("/internal/accounts/99999999/current-balance").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"));
        internal().get("/internal/accounts/abc/current-balance").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"));
        admin().get("/internal/accounts/" + account + "/current-balance").then().statusCode(401);
    }

    /** An account of 100 with debits of 5 and 3, the 3 refunded, then a top-up of 10: balance 105, 5 deducted. */
    private static long debitedRefundedAndToppedUp() {
        long account = Api.newAccount();
        String refunded = rid();
        Api.debit(rid(), account, 5);
        Api.debit(refunded, account, 3);
        internal().body(Map.of("request_id", refunded)).post("/internal/refunds").then().statusCode(200);
        admin().body(Map.of("amount", 10, "type", "topup")).post("/admin/accounts/" + account + "/credits").then().statusCode(201);
        return account;
    }

    @Test
    void theInternalApiRefusesAMissingOrWrongTokenAndTheAdminToken() {
        Map<String, Object> body = debitBody(rid(), 1, 1);
        given().contentType(ContentType.JSON).body(body).post("/internal/debits").then().statusCode(401)
                .body("error.message", equalTo("Missing or invalid internal service token."));
        given().contentType(ContentType.JSON).header("X-Internal-Token", "bad").body(body).post("/internal/debits")
                .then().statusCode(401);
        admin().body(body).post("/internal/debits").then().statusCode(401);
        admin().body(Map.of("request_id", "req-x")).post("/internal/refunds").then().statusCode(401);
        admin().body(Map.of("request_ids", List.of("req-x"))).post("/internal/settlements").then().statusCode(401);
        admin().get("/internal/accounts/1/balance").then().statusCode(401);
    }

    private static Map<String, Object> withField(long account, String field, Object value) {
        Map<String, Object> body = new HashMap<>(debitBody(rid(), account, 1));
        body.put(field, value);
        return body;
    }

    private static void expect400(Map<String, Object> body, String message) {
        internal().body(body).post("/internal/debits").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo(message));
    }
}

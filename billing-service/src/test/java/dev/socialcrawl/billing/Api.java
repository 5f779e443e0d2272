package dev.socialcrawl.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.socialcrawl.errors.RequestIds;

/** Request builders and small fixtures shared by the billing API tests. */
public final class Api {
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    public static RequestSpecification internal() {
        return given().header("X-Internal-Token", INTERNAL_TOKEN).contentType(ContentType.JSON);
    }

    /** A new account holding the welcome bonus (100 in tests). */
    public static long newAccount() {
        return admin().body(Map.of("name", "acct " + RequestIds.newId())).post("/admin/accounts")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A new account holding exactly {@code credits}. */
    public static long accountWith(long credits) {
        long id = newAccount();
        long delta = credits - 100;
        if (delta != 0) {
            admin().body(Map.of("amount", delta, "type", "adjustment", "note", "test setup"))
                    .post("/admin/accounts/" + id + "/credits").then().statusCode(201);
        }
        return id;
    }

    public static Map<String, Object> debitBody(String requestId, long accountId, long amount) {
        return Map.of("request_id", requestId, "account_id", accountId, "amount", amount, "endpoint", "/v1/tiktok/profile");
    }

    public static void debit(String requestId, long accountId, long amount) {
        internal().body(debitBody(requestId, accountId, amount)).post("/internal/debits").then().statusCode(200);
    }

    public static long balance(long accountId) {
        return internal().get("/internal/accounts/" + accountId + "/balance").then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    public static String rid() {
        return RequestIds.newId();
    }

    public static Response refund(String requestId) {
        return internal().body(Map.of("request_id", requestId)).post("/internal/refunds");
    }

    /** The types of the ledger entries of one request, in order; empty when it has none. */
    public static List<String> entryTypes(String requestId) {
        Response r = admin().get("/ledger/requests/" + requestId);
        if (r.statusCode() == 404) {
            return List.of();
        }
        return r.then().statusCode(200).extract().jsonPath().getList("items.type", String.class);
    }

    public static void assertIntegrityClean() {
        admin().get("/ledger/integrity").then().statusCode(200)
                .body("violations", equalTo(0))
                .body("details", hasSize(0));
    }
}

package dev.socialcrawl.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.socialcrawl.errors.RequestIds;

/** Request builders and small fixtures shared by the billing API tests. */
public final class Api {
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String INTERNAL_TOKEN = "test-internal-token";
    public static final String LEDGER_TOKEN = "test-ledger-token";

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    /** The billing team's read-only token. */
    public static RequestSpecification ledger() {
        return given().header("Authorization", "Bearer " + LEDGER_TOKEN).contentType(ContentType.JSON);
    }

    public static RequestSpecification internal() {
        return given().header("X-Internal-Token", INTERNAL_TOKEN).contentType(ContentType.JSON);
    }

    /** A new account holding the welcome bonus (100 in tests). */
    public static long newAccount() {
        return newAccount("acct " + RequestIds.newId());
    }

    public static long newAccount(String name) {
        return admin().body(Map.of("name", name)).post("/admin/accounts")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A new key of the account; the key's secret. */
    public static String newKey(long accountId) {
        return admin().body(Map.of("name", "key")).post("/admin/accounts/" + accountId + "/keys")
                .then().statusCode(201).extract().jsonPath().getString("key");
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

    /**
     * One field of every item of a listing, page after page along {@code next_cursor}; {@code request} makes each
     * page's request with its filters (a fresh one per page).
     */
    public static <T> List<T> allPages(Supplier<RequestSpecification> request, String path, String field, Class<T> type) {
        List<T> values = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification page = request.get();
            if (cursor != null) {
                page.queryParam("cursor", cursor);
            }
            JsonPath body = page.get(path).then().statusCode(200).extract().jsonPath();
            values.addAll(body.getList("items." + field, type));
            cursor = body.getString("next_cursor");
        } while (cursor != null);
        return values;
    }

    public static void assertIntegrityClean() {
        admin().get("/ledger/integrity").then().statusCode(200)
                .body("violations", equalTo(0))
                .body("details", hasSize(0));
    }
}

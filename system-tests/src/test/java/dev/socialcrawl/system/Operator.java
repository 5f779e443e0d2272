package dev.socialcrawl.system;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** What an operator and the billing team do through billing's admin and ledger APIs. */
final class Operator {
    record Account(long id, String key, long keyId) {
    }

    private final java.util.function.Supplier<String> billingUrl;

    Operator(SystemSuite suite) {
        this(() -> suite.billing.url());
    }

    /** An operator of another install, reaching billing at what {@code billingUrl} says. */
    Operator(java.util.function.Supplier<String> billingUrl) {
        this.billingUrl = billingUrl;
    }

    private RequestSpecification admin() {
        return given().baseUri(billingUrl.get()).header("Authorization", "Bearer " + SystemSuite.ADMIN_TOKEN)
                .contentType(ContentType.JSON);
    }

    /** A new account with the welcome bonus (100) and one key. */
    Account newAccount() {
        long id = admin().body(Map.of("name", "system-test")).post("/admin/accounts")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath key = newKey(id);
        return new Account(id, key.getString("key"), key.getLong("id"));
    }

    JsonPath newKey(long accountId) {
        return admin().body(Map.of("name", "key")).post("/admin/accounts/" + accountId + "/keys")
                .then().statusCode(201).extract().jsonPath();
    }

    void revoke(Account account) {
        admin().delete("/admin/accounts/" + account.id() + "/keys/" + account.keyId()).then().statusCode(204);
    }

    void credit(long accountId, long amount, String type) {
        admin().body(Map.of("amount", amount, "type", type, "note", "system test"))
                .post("/admin/accounts/" + accountId + "/credits").then().statusCode(201);
    }

    long balance(long accountId) {
        return admin().get("/ledger/accounts/" + accountId + "/balance").then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    /** The ledger entry types written for one request id, e.g. [debit, refund]; empty when none. */
    List<String> entryTypes(String requestId) {
        var response = admin().get("/ledger/requests/" + requestId);
        if (response.statusCode() == 404) {
            return List.of();
        }
        return response.then().statusCode(200).extract().jsonPath().getList("items.type", String.class).stream()
                .sorted().toList();
    }

    /** Whether billing has the request's debit as settled (served), from the ledger's {@code settled_at}. */
    boolean settled(String requestId) {
        var response = admin().get("/ledger/requests/" + requestId);
        return response.statusCode() == 200 && response.jsonPath().getList("items.settled_at").stream()
                .anyMatch(java.util.Objects::nonNull);
    }

    JsonPath integrity() {
        return admin().get("/ledger/integrity").then().statusCode(200).extract().jsonPath();
    }
}

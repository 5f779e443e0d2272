package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class CreditsApiTest {

    @Test
    void aTopUpAnswers201WithTheEntry() {
        long account = Api.newAccount();
        admin().body(Map.of("amount", 50, "type", "topup", "note", "invoice 7")).post("/admin/accounts/" + account + "/credits")
                .then().statusCode(201)
                .body("type", equalTo("topup"))
                .body("amount", equalTo(50))
                .body("balance_after", equalTo(150))
                .body("note", equalTo("invoice 7"))
                .body("account_id", equalTo((int) account));
        admin().body(Map.of("amount", 5, "type", "bonus")).post("/admin/accounts/" + account + "/credits")
                .then().statusCode(201).body("balance_after", equalTo(155));
        assertEquals(155, Api.balance(account));
    }

    @Test
    void aNegativeAdjustmentMayLowerTheBalanceButNeverBelowZero() {
        long account = Api.newAccount();
        admin().body(Map.of("amount", -60, "type", "adjustment")).post("/admin/accounts/" + account + "/credits")
                .then().statusCode(201).body("balance_after", equalTo(40));
        admin().body(Map.of("amount", -41, "type", "adjustment")).post("/admin/accounts/" + account + "/credits")
                .then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("An adjustment of -41 would take account " + account + " below zero (balance 40)."));
        assertEquals(40, Api.balance(account));
    }

    @Test
    void zeroNegativeOrOversizeAmountsAndUnknownTypesAreRefused() {
        long account = Api.newAccount();
        String path = "/admin/accounts/" + account + "/credits";
        admin().body(Map.of("amount", 0, "type", "topup")).post(path).then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'amount' must be a positive whole number of credits."));
        admin().body(Map.of("amount", -5, "type", "bonus")).post(path).then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'amount' must be a positive whole number of credits."));
        admin().body(Map.of("amount", 0, "type", "adjustment")).post(path).then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'amount' must not be zero."));
        admin().body(Map.of("amount", 2_000_000_000_000L, "type", "topup")).post(path).then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'amount' must not exceed 1000000000000 credits."));
        admin().body(Map.of("amount", 5, "type", "debit")).post(path).then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'type' must be one of topup, bonus, adjustment."));
        admin().body(Map.of("amount", 5)).post(path).then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'type' must be one of topup, bonus, adjustment."));
        admin().body(Map.of("amount", 5, "type", "topup", "note", "n".repeat(501))).post(path).then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'note' is longer than 500 characters."));
        admin().body(Map.of("amount", "lots", "type", "topup")).post(path).then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'amount' has the wrong type or format."));
        assertEquals(100, Api.balance(account), "nothing was written");
    }

    @Test
    void creditingAnUnknownAccountIsA404() {
        admin().body(Map.of("amount", 5, "type", "topup")).post("/admin/accounts/99999999/credits").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"));
    }
}

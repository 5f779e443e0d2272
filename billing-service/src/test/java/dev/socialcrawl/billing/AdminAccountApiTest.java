package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.internal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class AdminAccountApiTest {

    @Test
    void creatingAnAccountGivesTheWelcomeBonusAsABonusEntry() {
        long id = admin().body(Map.of("name", "Acme")).post("/admin/accounts")
                .then().statusCode(201)
                .body("name", equalTo("Acme"))
                .body("balance", equalTo(100))
                .body("created_at", notNullValue())
                .extract().jsonPath().getLong("id");

        admin().get("/ledger/accounts/" + id + "/entries").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("bonus"))
                .body("items[0].amount", equalTo(100))
                .body("items[0].balance_after", equalTo(100));
        admin().get("/admin/accounts/" + id).then().statusCode(200)
                .body("id", equalTo((int) id)).body("balance", equalTo(100));
    }

    @Test
    void anUnknownAccountIsA404Envelope() {
        admin().get("/admin/accounts/999999").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"))
                .body("error.message", equalTo("Account 999999 does not exist."));
    }

    @Test
    void aNonNumericAccountIdIsA400NamingTheParameter() {
        admin().get("/admin/accounts/abc").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("Path parameter 'id' must be a positive integer."));
    }

    @Test
    void aMissingOrBlankNameIsRefused() {
        admin().body("{}").post("/admin/accounts").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'name' is required and must not be blank."));
        admin().body(Map.of("name", "   ")).post("/admin/accounts").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"));
    }

    @Test
    void aNameLongerThan200CharactersIsRefused() {
        admin().body(Map.of("name", "x".repeat(201))).post("/admin/accounts").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'name' is longer than 200 characters."));
    }

    @Test
    void malformedJsonWrongTypesUnknownFieldsAndEmptyBodiesAreRefusedWithoutWritingAnything() {
        long before = accountsChecked();
        admin().body("{\"name\" \"x\"}").post("/admin/accounts").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("Invalid request body: it is not valid JSON."));
        admin().body("{\"name\":").post("/admin/accounts").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: it is not valid JSON."));
        admin().body("{\"name\": 12}").post("/admin/accounts").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'name' has the wrong type or format."));
        admin().body("{\"name\": \"a\", \"balance\": 5000}").post("/admin/accounts").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: unknown field 'balance'."));
        admin().post("/admin/accounts").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: a JSON object is required."));
        admin().body("[1]").post("/admin/accounts").then().statusCode(400).body("error.type", equalTo("INVALID_REQUEST"));
        org.junit.jupiter.api.Assertions.assertEquals(before, accountsChecked(), "no account was written");
    }

    @Test
    void theAdminApiRefusesAMissingOrWrongTokenAndTheInternalToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/admin/accounts").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.type", equalTo("INVALID_API_KEY"))
                .body("error.message", equalTo("Missing or invalid admin token."));
        given().header("Authorization", "Bearer wrong").get("/admin/accounts/1").then().statusCode(401)
                .body("error.message", equalTo("Missing or invalid admin token."));
        given().header("Authorization", "test-admin-token").get("/admin/accounts/1").then().statusCode(401);
        internal().get("/admin/accounts/1").then().statusCode(401)
                .body("error.message", equalTo("Missing or invalid admin token."));
        given().header("Authorization", "Bearer " + Api.INTERNAL_TOKEN).get("/admin/accounts/1").then().statusCode(401);
    }

    private static long accountsChecked() {
        return admin().get("/ledger/integrity").then().statusCode(200).extract().jsonPath().getLong("accounts_checked");
    }
}

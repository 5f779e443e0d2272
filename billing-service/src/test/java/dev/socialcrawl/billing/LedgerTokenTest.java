package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.ledger;
import static dev.socialcrawl.billing.Api.rid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * {@code BILLING_LEDGER_TOKEN} reads {@code /ledger/*} and {@code GET /admin/*} and nothing else: every write route
 * answers 403 with it and writes nothing. The write routes are enumerated here and checked against the OpenAPI
 * document, so a new write route fails this test until it is added to the list.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class LedgerTokenTest {
    /** Every write of the admin and ledger APIs, as the OpenAPI document names them. */
    private static final Set<String> WRITE_ROUTES = Set.of(
            "POST /admin/accounts",
            "POST /admin/accounts/{id}/credits",
            "POST /admin/accounts/{accountId}/keys",
            "DELETE /admin/accounts/{accountId}/keys/{keyId}",
            "POST /admin/dashboard-users",
            "POST /admin/dashboard-users/{id}/password-reset",
            "DELETE /admin/dashboard-users/{id}");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource(value = "/", management = true)
    URI managementUri;

    @Test
    void theWriteRoutesListedHereAreAllTheWriteRoutesThereAre() {
        JsonPath doc = openApi();
        Set<String> writes = new TreeSet<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(method -> isTokenGuarded(path) && !method.equals("get") && !method.equals("parameters"))
                .forEach(method -> writes.add(method.toUpperCase() + " " + path)));
        assertEquals(new TreeSet<>(WRITE_ROUTES), writes);
    }

    @Test
    void theLedgerTokenIsRefusedOnEveryWriteRouteAndWritesNothing() throws SQLException {
        long account = Api.newAccount();
        long keyId = admin().body(Map.of("name", "k")).post("/admin/accounts/" + account + "/keys").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long userId = admin().body(Map.of("name", "ledger-token-target", "role", "billing")).post("/admin/dashboard-users")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long auditRows = auditRows();
        Map<String, Response> answers = Map.of(
                "POST /admin/accounts", ledger().body(Map.of("name", "sneaky")).post("/admin/accounts"),
                "POST /admin/accounts/{id}/credits", ledger().body(Map.of("amount", 1000, "type", "topup"))
                        .post("/admin/accounts/" + account + "/credits"),
                "POST /admin/accounts/{accountId}/keys", ledger().body(Map.of("name", "k2"))
                        .post("/admin/accounts/" + account + "/keys"),
                "DELETE /admin/accounts/{accountId}/keys/{keyId}", ledger()
                        .delete("/admin/accounts/" + account + "/keys/" + keyId),
                "POST /admin/dashboard-users", ledger().body(Map.of("name", "sneaky-user", "role", "billing-admin"))
                        .post("/admin/dashboard-users"),
                "POST /admin/dashboard-users/{id}/password-reset", ledger().post("/admin/dashboard-users/" + userId
                        + "/password-reset"),
                "DELETE /admin/dashboard-users/{id}", ledger().delete("/admin/dashboard-users/" + userId));
        assertEquals(WRITE_ROUTES, answers.keySet());
        answers.forEach((route, r) -> r.then().statusCode(403)
                .body("success", equalTo(false))
                .body("error.type", equalTo("INVALID_API_KEY"))
                .body("error.status", equalTo(403))
                .body("error.message", allOf(startsWith("The ledger token is read-only: " + route.split(" ")[0] + " /admin/"),
                        endsWith(" needs the admin token.")))
                .header("X-Request-Id", equalTo(r.jsonPath().getString("request_id"))));

        assertEquals(auditRows, auditRows(), "no write happened");
        admin().get("/admin/accounts/" + account).then().body("balance", equalTo(100));
        admin().get("/admin/accounts/" + account + "/keys").then().body("size()", equalTo(1)).body("[0].status", equalTo("active"));
        admin().queryParam("query", "sneaky").get("/admin/accounts").then().body("items.size()", equalTo(0));
    }

    @Test
    void theLedgerTokenReadsEveryReadRoute() {
        long account = Api.newAccount();
        String requestId = rid();
        Api.debit(requestId, account, 1);
        admin().body(Map.of("name", "k")).post("/admin/accounts/" + account + "/keys").then().statusCode(201);
        Set<String> reads = new TreeSet<>();
        Map<String, Map<String, Object>> paths = openApi().getMap("paths");
        paths.forEach((path, operations) -> {
            if (isTokenGuarded(path) && operations.containsKey("get")) {
                reads.add(path);
            }
        });
        assertEquals(new TreeSet<>(Set.of("/admin/accounts", "/admin/accounts/{id}", "/admin/accounts/{accountId}/keys",
                "/admin/audit", "/admin/dashboard-users", "/ledger/accounts/{id}/balance", "/ledger/accounts/{id}/entries",
                "/ledger/accounts/{id}/entries.csv", "/ledger/activity", "/ledger/integrity", "/ledger/low-balance",
                "/ledger/requests/{requestId}", "/ledger/usage", "/ledger/usage.csv")), reads);
        for (String path : reads) {
            String concrete = path.replace("{id}", String.valueOf(account)).replace("{accountId}", String.valueOf(account))
                    .replace("{requestId}", requestId);
            String query = path.equals("/ledger/activity") ? "?account=" + account : "";
            ledger().get(concrete + query).then().statusCode(200);
        }
    }

    @Test
    void noTokenAWrongTokenOrAnotherFamilysTokenIsA401() {
        given().get("/ledger/integrity").then().statusCode(401).body("error.type", equalTo("INVALID_API_KEY"))
                .header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer nope").get("/admin/accounts").then().statusCode(401);
        given().header("Authorization", "Bearer " + Api.INTERNAL_TOKEN).get("/admin/accounts").then().statusCode(401);
        ledger().get("/internal/accounts/1/balance").then().statusCode(401);
        internal().header("Authorization", "Bearer " + Api.LEDGER_TOKEN).get("/internal/accounts/99999999/balance").then()
                .statusCode(404);
    }

    /** The admin and ledger APIs (the test sources add a route of their own). */
    private static boolean isTokenGuarded(String path) {
        return path.startsWith("/admin/") || path.equals("/admin") || path.startsWith("/ledger/");
    }

    private long auditRows() throws SQLException {
        return Database.count(dataSource, "SELECT count(*) FROM admin_audit_log");
    }

    private JsonPath openApi() {
        return given().baseUri("http://" + managementUri.getHost()).port(managementUri.getPort())
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }
}

package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.ledger;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Every admin write leaves one audit row (who, what, when, request id), never a key's secret; failed writes none. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class AuditLogTest {

    @Test
    void eachAdminWriteLeavesOneAuditRowWithWhoWhatWhenAndTheRequestId() {
        Instant before = Instant.now().minusSeconds(1);
        Response created = admin().body(Map.of("name", "Audited Ltd")).post("/admin/accounts");
        long account = created.then().statusCode(201).extract().jsonPath().getLong("id");
        Response key = admin().body(Map.of("name", "ci", "expires_at", "2099-01-01T00:00:00Z"))
                .post("/admin/accounts/" + account + "/keys");
        JsonPath keyBody = key.then().statusCode(201).extract().jsonPath();
        long keyId = keyBody.getLong("id");
        Response revoked = admin().delete("/admin/accounts/" + account + "/keys/" + keyId);
        revoked.then().statusCode(204);
        admin().delete("/admin/accounts/" + account + "/keys/" + keyId).then().statusCode(204); // already revoked: no change
        Response topUp = admin().header("Idempotency-Key", "invoice-2026-0042-topup")
                .body(Map.of("amount", 500, "type", "topup", "note", "invoice 42")).post("/admin/accounts/" + account + "/credits");
        long entryId = topUp.then().statusCode(201).extract().jsonPath().getLong("id");
        admin().header("Idempotency-Key", "invoice-2026-0042-topup")
                .body(Map.of("amount", 500, "type", "topup", "note", "invoice 42")).post("/admin/accounts/" + account + "/credits")
                .then().statusCode(200); // a replay writes nothing
        admin().body(Map.of("amount", -10_000, "type", "adjustment")).post("/admin/accounts/" + account + "/credits")
                .then().statusCode(400); // refused: nothing written

        String audit = ledger().queryParam("account", account).get("/admin/audit").then().statusCode(200)
                .body(not(containsString(keyBody.getString("key"))))
                .extract().asString();
        JsonPath rows = JsonPath.from(audit);
        assertEquals(List.of("credits.added", "key.revoked", "key.created", "account.created"), rows.getList("items.action"));
        assertEquals(List.of(entryId, keyId, keyId, account), rows.getList("items.target_id", Long.class));
        for (int i = 0; i < 4; i++) {
            assertEquals("token", rows.getString("items[" + i + "].actor_kind"));
            assertEquals("admin", rows.getString("items[" + i + "].actor"));
            assertEquals(account, rows.getLong("items[" + i + "].account_id"));
            Instant at = Instant.parse(rows.getString("items[" + i + "].at"));
            assertEquals(true, at.isAfter(before) && !at.isAfter(Instant.now()), at.toString());
        }
        assertEquals(List.of(requestId(topUp), requestId(revoked), requestId(key), requestId(created)),
                rows.getList("items.request_id"));
        assertEquals(List.of("POST", "DELETE", "POST", "POST"), rows.getList("items.method"));
        assertEquals("/admin/accounts/" + account + "/keys/" + keyId, rows.getString("items[1].path"));
        assertEquals(Map.of("type", "topup", "amount", 500, "note", "invoice 42", "idempotency_key", "invoice-2026-0042-topup"),
                rows.getMap("items[0].details"));
        assertEquals(Map.of("last4", keyBody.getString("last4")), rows.getMap("items[1].details"));
        assertEquals(Map.of("name", "ci", "last4", keyBody.getString("last4"), "expires_at", "2099-01-01T00:00:00Z"),
                rows.getMap("items[2].details"));
        assertEquals(Map.of("name", "Audited Ltd", "welcome_bonus", 100), rows.getMap("items[3].details"));
    }

    @Test
    void theAuditLogIsPagedNewestFirstAndFiltersByAccountAndTime() {
        long account = Api.newAccount();
        for (int i = 1; i <= 4; i++) {
            admin().body(Map.of("amount", i, "type", "bonus")).post("/admin/accounts/" + account + "/credits").then().statusCode(201);
        }
        List<Long> ids = Api.allPages(() -> admin().queryParam("account", account).queryParam("limit", 2), "/admin/audit",
                "id", Long.class);
        assertEquals(5, ids.size(), "account.created and four credits");
        assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).distinct().toList(), ids, "newest first, no repeats");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        admin().queryParam("account", account).queryParam("from", today).queryParam("to", today).get("/admin/audit").then()
                .statusCode(200).body("items", hasSize(5));
        admin().queryParam("account", account).queryParam("to", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())
                .get("/admin/audit").then().statusCode(200).body("items", hasSize(0)).body("next_cursor", nullValue());
        admin().queryParam("account", account).queryParam("from", Instant.now().plusSeconds(60).toString()).get("/admin/audit")
                .then().statusCode(200).body("items", hasSize(0));
        admin().queryParam("limit", "0").get("/admin/audit").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'limit' must be an integer from 1 to 1000."));
        admin().queryParam("account", "abc").get("/admin/audit").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'account' must be a positive integer."));
        admin().queryParam("cursor", Api.rid()).get("/admin/audit").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'cursor' is not a cursor this API returned."));
    }

    private static String requestId(Response r) {
        return r.header("X-Request-Id");
    }
}

package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class LedgerApiTest {

    @Test
    void entriesArePagedByCursorWithoutGapsOrRepeatsWhileNewEntriesArrive() {
        long account = Api.newAccount();
        for (int i = 0; i < 6; i++) {
            Api.debit(rid(), account, 1);
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = admin().queryParam("limit", 3);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/ledger/accounts/" + account + "/entries").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("next_cursor");
            if (pages++ == 0) {
                Api.debit(rid(), account, 1);
            }
        } while (cursor != null);
        assertEquals(8, seen.size(), "bonus + 6 debits + the one inserted while paging");
        assertEquals(seen.stream().sorted().distinct().toList(), seen, "ascending, no repeats");
    }

    @Test
    void entriesFilterByTypeAndTimeRangeAndCarryEveryField() {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 2);
        internal().body(Map.of("request_id", id)).post("/internal/refunds").then().statusCode(200);
        admin().get("/ledger/accounts/" + account + "/entries?type=refund").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("refund"))
                .body("items[0].account_id", equalTo((int) account))
                .body("items[0].amount", equalTo(2))
                .body("items[0].balance_after", equalTo(100))
                .body("items[0].request_id", equalTo(id))
                .body("items[0].endpoint", equalTo("/v1/tiktok/profile"))
                .body("next_cursor", nullValue());
        Instant future = Instant.now().plus(1, ChronoUnit.HOURS);
        admin().queryParam("from", future.toString()).get("/ledger/accounts/" + account + "/entries").then()
                .statusCode(200).body("items", hasSize(0));
        admin().queryParam("to", future.toString()).queryParam("type", "debit")
                .get("/ledger/accounts/" + account + "/entries").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void entriesComeAsCsvByAcceptHeaderOrByTheCsvPath() {
        long account = Api.newAccount();
        admin().body(Map.of("amount", 5, "type", "topup", "note", "paid, \"thanks\"")).post("/admin/accounts/" + account + "/credits")
                .then().statusCode(201);
        String byHeader = admin().accept("text/csv").get("/ledger/accounts/" + account + "/entries").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        String byPath = admin().get("/ledger/accounts/" + account + "/entries.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertEquals(byHeader, byPath);
        String[] lines = byPath.split("\r\n");
        assertEquals("id,account_id,type,amount,balance_after,request_id,endpoint,refund_of,note,created_at,settled_at",
                lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[2].contains(",topup,5,105,,,,\"paid, \"\"thanks\"\"\","), lines[2]);
        admin().accept("text/csv").queryParam("limit", 1).get("/ledger/accounts/" + account + "/entries").then()
                .header("X-Next-Cursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void badListingParametersAreA400NamingTheParameter() {
        long account = Api.newAccount();
        String path = "/ledger/accounts/" + account + "/entries";
        admin().queryParam("cursor", "garbage!").get(path).then().statusCode(400)
                .body("error.message", equalTo("Parameter 'cursor' is not a cursor this API returned."));
        admin().queryParam("from", "yesterday").get(path).then().statusCode(400)
                .body("error.message", equalTo("Parameter 'from' must be a date such as 2026-12-01 (UTC) or an ISO-8601 instant such as 2026-12-01T00:00:00Z."));
        admin().queryParam("to", "2026-13-01").get(path).then().statusCode(400)
                .body("error.message", startsWith("Parameter 'to' must be"));
        admin().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get(path).then()
                .statusCode(400).body("error.message", equalTo("Parameter 'from' must be before parameter 'to'."));
        for (String limit : List.of("0", "1001", "ten")) {
            admin().queryParam("limit", limit).get(path).then().statusCode(400)
                    .body("error.message", equalTo("Parameter 'limit' must be an integer from 1 to 1000."));
        }
        admin().queryParam("type", "gift").get(path).then().statusCode(400)
                .body("error.message", equalTo("Parameter 'type' must be one of bonus, topup, adjustment, debit, refund."));
        admin().get("/ledger/accounts/99999999/entries").then().statusCode(404).body("error.type", equalTo("RESOURCE_NOT_FOUND"));
    }

    @Test
    void theEntriesOfOneRequestAreListedAndAnUnknownRequestIsA404() {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 3);
        admin().get("/ledger/requests/" + id).then().statusCode(200)
                .body("request_id", equalTo(id))
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("debit"))
                .body("items[0].amount", equalTo(-3));
        admin().get("/ledger/requests/" + rid()).then().statusCode(404).body("error.type", equalTo("RESOURCE_NOT_FOUND"));
    }

    @Test
    void aSettledDebitShowsWhenItWasSettledInJsonCsvAndTheRequestsEntries() {
        long account = Api.newAccount();
        String served = rid();
        String open = rid();
        Api.debit(served, account, 3);
        Api.debit(open, account, 1);
        Instant before = Instant.now().minusSeconds(60);
        internal().body(Map.of("request_ids", List.of(served))).post("/internal/settlements").then().statusCode(200);

        JsonPath entries = admin().queryParam("type", "debit").get("/ledger/accounts/" + account + "/entries").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(served, open), entries.getList("items.request_id"));
        Instant settledAt = Instant.parse(entries.getString("items[0].settled_at"));
        assertTrue(settledAt.isAfter(before) && !settledAt.isAfter(Instant.now()), settledAt.toString());
        assertNull(entries.get("items[1].settled_at"));
        admin().get("/ledger/requests/" + served).then().statusCode(200)
                .body("items[0].settled_at", equalTo(entries.getString("items[0].settled_at")));
        admin().get("/ledger/requests/" + open).then().statusCode(200).body("items[0].settled_at", nullValue());

        String[] csv = admin().queryParam("type", "debit").get("/ledger/accounts/" + account + "/entries.csv").then()
                .statusCode(200).extract().asString().split("\r\n");
        assertTrue(csv[1].contains("," + served + ",") && csv[1].endsWith("," + settledAt), csv[1]);
        assertTrue(csv[2].contains("," + open + ",") && csv[2].endsWith(","), csv[2]);
    }

    @Test
    void usageIsAggregatedPerEndpointAndPerDayNetOfRefunds() {
        long account = Api.newAccount();
        String refunded = rid();
        internal().body(Map.of("request_id", rid(), "account_id", account, "amount", 2, "endpoint", "/v1/a")).post("/internal/debits");
        internal().body(Map.of("request_id", rid(), "account_id", account, "amount", 2, "endpoint", "/v1/a")).post("/internal/debits");
        internal().body(Map.of("request_id", refunded, "account_id", account, "amount", 5, "endpoint", "/v1/b")).post("/internal/debits");
        internal().body(Map.of("request_id", refunded)).post("/internal/refunds").then().statusCode(200);

        admin().queryParam("group_by", "endpoint").queryParam("account", account).get("/ledger/usage").then().statusCode(200)
                .body("group_by", equalTo("endpoint"))
                .body("account", equalTo((int) account))
                .body("items", hasSize(2))
                .body("items[0].key", equalTo("/v1/a")).body("items[0].requests", equalTo(2))
                .body("items[0].refunded", equalTo(0)).body("items[0].credits", equalTo(4))
                .body("items[1].key", equalTo("/v1/b")).body("items[1].requests", equalTo(1))
                .body("items[1].refunded", equalTo(1)).body("items[1].credits", equalTo(0))
                .body("definitions.credits", equalTo("credits of those debits net of their refunds"));
        String today = Instant.now().toString().substring(0, 10);
        admin().queryParam("group_by", "day").queryParam("account", account).get("/ledger/usage").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].key", equalTo(today))
                .body("items[0].requests", equalTo(3))
                .body("items[0].credits", equalTo(4));
    }

    @Test
    void badUsageParametersAreA400NamingTheParameter() {
        admin().queryParam("group_by", "week").get("/ledger/usage").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'group_by' must be 'account', 'endpoint' or 'day'."));
        admin().queryParam("from", "x").get("/ledger/usage").then().statusCode(400)
                .body("error.message", startsWith("Parameter 'from'"));
        admin().queryParam("account", "-1").get("/ledger/usage").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'account' must be a positive integer."));
        admin().queryParam("account", "99999999").get("/ledger/usage").then().statusCode(404);
    }

    @Test
    void theIntegrityCheckIsCleanOnAHealthyLedger() {
        long account = Api.newAccount();
        Api.debit(rid(), account, 1);
        admin().get("/ledger/integrity").then().statusCode(200)
                .body("violations", equalTo(0))
                .body("details", hasSize(0))
                .body("accounts_checked", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void theLedgerApiRefusesAMissingOrWrongTokenAndTheInternalToken() {
        for (String path : List.of("/ledger/integrity", "/ledger/usage", "/ledger/requests/req-x",
                "/ledger/accounts/1/entries", "/ledger/accounts/1/entries.csv", "/ledger/accounts/1/balance")) {
            given().get(path).then().statusCode(401).body("error.message", equalTo("Missing or invalid admin token."));
            given().header("Authorization", "Bearer wrong").get(path).then().statusCode(401);
            internal().get(path).then().statusCode(401);
        }
    }
}

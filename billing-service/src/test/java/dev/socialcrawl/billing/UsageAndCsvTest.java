package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.ledger;
import static dev.socialcrawl.billing.Api.rid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Usage per account (the biggest spenders first, with names), usage as CSV, {@code from}/{@code to} as a date or an
 * instant, and CSV that no spreadsheet runs as a formula.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class UsageAndCsvTest {
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
    private static final String TOMORROW = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

    @Test
    void usagePerAccountListsTheBiggestSpendersFirstWithTheirNames() {
        long small = Api.newAccount("Small Spender");
        long big = Api.newAccount("Big Spender");
        debit(small, 3, "/v1/a");
        // from this test's first debit on: earlier tests' debits stay out of the range
        String from = admin().get("/ledger/accounts/" + small + "/entries?type=debit").then().extract().path("items[0].created_at");
        debit(big, 7, "/v1/a");
        debit(big, 5, "/v1/b");
        String refunded = debit(big, 20, "/v1/b");
        Api.refund(refunded).then().statusCode(200);

        JsonPath usage = ledger().queryParam("group_by", "account").queryParam("from", from).get("/ledger/usage").then()
                .statusCode(200).body("group_by", equalTo("account")).body("truncated", equalTo(false))
                .extract().jsonPath();
        assertEquals(List.of(big, small), usage.getList("items.account_id", Long.class));
        assertEquals(List.of("Big Spender", "Small Spender"), usage.getList("items.name"));
        assertEquals(List.of(12, 3), usage.getList("items.credits"));
        assertEquals(List.of(3, 1), usage.getList("items.requests"));
        assertEquals(List.of(1, 0), usage.getList("items.refunded"));
        assertEquals(String.valueOf(big), usage.getString("items[0].key"));

        ledger().queryParam("group_by", "account").queryParam("from", from).queryParam("limit", 1).get("/ledger/usage").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].account_id", equalTo((int) big))
                .body("truncated", equalTo(true));
        admin().queryParam("group_by", "endpoint").queryParam("from", from).get("/ledger/usage").then().statusCode(200)
                .body("items[0]", not(hasKey("name")));
    }

    @Test
    void usageComesAsCsvByAcceptHeaderOrByTheCsvPath() {
        long account = Api.newAccount("Csv Co");
        debit(account, 4, "/v1/tiktok/profile");
        String byHeader = ledger().accept("text/csv").queryParam("group_by", "account").queryParam("account", account)
                .get("/ledger/usage").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String byPath = ledger().queryParam("group_by", "account").queryParam("account", account).get("/ledger/usage.csv")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertEquals(byHeader, byPath);
        assertEquals("account_id,name,requests,refunded,credits\r\n" + account + ",Csv Co,1,0,4\r\n", byPath);
        assertEquals("endpoint,requests,refunded,credits\r\n/v1/tiktok/profile,1,0,4\r\n",
                ledger().queryParam("account", account).get("/ledger/usage.csv").then().statusCode(200).extract().asString());
        assertEquals("day,requests,refunded,credits\r\n" + TODAY + ",1,0,4\r\n", ledger().queryParam("account", account)
                .queryParam("group_by", "day").get("/ledger/usage.csv").then().statusCode(200).extract().asString());
    }

    @Test
    void fromAndToTakeADateMeaningWholeUtcDaysOrAnInstant() {
        long account = Api.newAccount();
        debit(account, 2, "/v1/a");
        String entries = "/ledger/accounts/" + account + "/entries";
        admin().queryParam("type", "debit").queryParam("from", TODAY).queryParam("to", TODAY).get(entries).then()
                .statusCode(200).body("items", hasSize(1));
        admin().queryParam("type", "debit").queryParam("to", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())
                .get(entries).then().statusCode(200).body("items", hasSize(0));
        admin().queryParam("type", "debit").queryParam("from", TOMORROW).get(entries).then().statusCode(200)
                .body("items", hasSize(0));
        admin().queryParam("type", "debit").queryParam("from", Instant.now().minusSeconds(600).toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString()).get(entries).then().statusCode(200)
                .body("items", hasSize(1));
        ledger().queryParam("account", account).queryParam("from", TODAY).queryParam("to", TODAY).get("/ledger/usage").then()
                .statusCode(200).body("from", equalTo(TODAY + "T00:00:00Z")).body("to", equalTo(TOMORROW + "T00:00:00Z"))
                .body("items[0].credits", equalTo(2));
        ledger().queryParam("from", TOMORROW).queryParam("to", TODAY).get("/ledger/usage").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'from' must be before parameter 'to'."));
        ledger().queryParam("to", "2026-13-01").get("/ledger/usage").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'to' must be a date such as 2026-12-01 (UTC) or an ISO-8601 instant such as 2026-12-01T00:00:00Z."));
    }

    @Test
    void noCsvCellStartsWithAFormulaCharacterExceptAPlainNumber() {
        long account = Api.newAccount("=HYPERLINK(\"http://evil.example\",\"click\")");
        for (String note : List.of("+1+1", "-2+3", "@SUM(A1)", "=1", "plain")) {
            admin().body(Map.of("amount", 1, "type", "topup", "note", note)).post("/admin/accounts/" + account + "/credits")
                    .then().statusCode(201);
        }
        internal().body(Map.of("request_id", rid(), "account_id", account, "amount", 3, "endpoint", "=cmd|' /C calc'!A0"))
                .post("/internal/debits").then().statusCode(200);

        String entries = ledger().get("/ledger/accounts/" + account + "/entries.csv").then().statusCode(200).extract().asString();
        String usage = ledger().queryParam("group_by", "account").queryParam("account", account).get("/ledger/usage.csv")
                .then().statusCode(200).extract().asString();
        String byEndpoint = ledger().queryParam("account", account).get("/ledger/usage.csv").then().statusCode(200)
                .extract().asString();
        assertTrue(entries.contains(",'+1+1,"), entries);
        assertTrue(entries.contains(",'-2+3,"), entries);
        assertTrue(entries.contains(",'@SUM(A1),"), entries);
        assertTrue(entries.contains(",'=1,"), entries);
        assertTrue(entries.contains(",plain,"), entries);
        assertTrue(entries.contains(",debit,-3,"), "amounts stay numbers: " + entries);
        assertTrue(entries.contains(",'=cmd|' /C calc'!A0,"), entries);
        assertTrue(usage.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), usage);
        for (String csv : List.of(entries, usage, byEndpoint)) {
            for (String cell : cells(csv)) {
                boolean formulaLike = !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0;
                assertFalse(formulaLike && !cell.matches("-[0-9]+"), "unescaped cell " + cell + " in\n" + csv);
            }
        }
    }

    private static String debit(long account, long amount, String endpoint) {
        String id = rid();
        internal().body(Map.of("request_id", id, "account_id", account, "amount", amount, "endpoint", endpoint))
                .post("/internal/debits").then().statusCode(200);
        return id;
    }

    /** The cells of an RFC 4180 CSV, unquoted. */
    private static List<String> cells(String csv) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c != '\r' || i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') {
                cell.append(c);
            }
        }
        return cells;
    }
}

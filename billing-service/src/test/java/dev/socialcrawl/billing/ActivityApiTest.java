package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.ledger;
import static dev.socialcrawl.billing.Api.rid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import dev.socialcrawl.billing.activity.ActivityRecord;
import dev.socialcrawl.billing.activity.ActivityStore;

/**
 * The gateway's route to an account's activity log ({@code GET /internal/accounts/{id}/activity}) and the billing
 * team's ({@code GET /ledger/activity}): newest first, paged without gaps or repeats, every filter, every bad
 * parameter a 400 naming it. Rows are written through the store with chosen times.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class ActivityApiTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Inject
    ActivityStore store;

    private static ActivityRecord row(String requestId, long account, Instant at, int status, String path) {
        return new ActivityRecord(requestId, account, 7L, "Zz9-", "GET", path, "q=1", status,
                status >= 400 ? "RESOURCE_NOT_FOUND" : null, status >= 400 ? 0L : 5L, false, false, 30L, at);
    }

    private static List<ActivityStore.Entry> entry(List<ActivityRecord> records) {
        return List.of(new ActivityStore.Entry(Api.rid(), records));
    }

    @Test
    void anAccountsLogComesNewestFirstInPagesWithoutGapsOrRepeats() {
        long account = Api.newAccount();
        long other = Api.newAccount();
        List<String> ids = new ArrayList<>();
        List<ActivityRecord> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = rid();
            ids.add(0, id);
            rows.add(row(id, account, NOW.minusSeconds(60 - i), 200, "/v1/tiktok/profile"));
        }
        // two requests in the same millisecond: the request id breaks the tie, so paging stays exact
        String tieA = "req-tie-a-" + rid().substring(4);
        String tieB = "req-tie-b-" + rid().substring(4);
        rows.add(row(tieA, account, NOW.minusSeconds(120), 200, "/v1/x"));
        rows.add(row(tieB, account, NOW.minusSeconds(120), 200, "/v1/x"));
        ids.add(tieB);
        ids.add(tieA);
        rows.add(row(rid(), other, NOW, 200, "/v1/tiktok/profile"));
        store.store(entry(rows));

        List<String> seen = Api.allPages(() -> internal().queryParam("limit", 2), "/internal/accounts/" + account + "/activity",
                "request_id", String.class);
        assertEquals(ids, seen);
        internal().get("/internal/accounts/" + account + "/activity").then().statusCode(200)
                .body("items", hasSize(9)).body("next_cursor", nullValue());
    }

    @Test
    void everyFilterNarrowsTheLog() {
        long account = Api.newAccount();
        String ok = rid();
        String notFound = rid();
        String upstream = rid();
        String yesterday = rid();
        Instant dayBefore = NOW.minus(1, ChronoUnit.DAYS);
        store.store(entry(List.of(row(ok, account, NOW.minusSeconds(3), 200, "/v1/tiktok/profile"),
                row(notFound, account, NOW.minusSeconds(2), 404, "/v1/reddit/post"),
                row(upstream, account, NOW.minusSeconds(1), 502, "/v1/tiktok/profile"),
                row(yesterday, account, dayBefore, 200, "/v1/tiktok/profile"))));
        String path = "/internal/accounts/" + account + "/activity";
        String today = LocalDate.ofInstant(NOW, ZoneOffset.UTC).toString();
        String dayBeforeDate = LocalDate.ofInstant(dayBefore, ZoneOffset.UTC).toString();

        assertEquals(List.of(notFound), ids(internal().queryParam("status", "404"), path));
        assertEquals(List.of(notFound), ids(internal().queryParam("status", "4xx"), path));
        assertEquals(List.of(upstream), ids(internal().queryParam("status", "5XX"), path));
        assertEquals(List.of(upstream, ok, yesterday), ids(internal().queryParam("endpoint", "/v1/tiktok/profile"), path));
        assertEquals(List.of(ok), ids(internal().queryParam("request_id", ok), path));
        assertEquals(List.of(yesterday), ids(internal().queryParam("from", dayBeforeDate).queryParam("to", dayBeforeDate), path));
        assertEquals(List.of(upstream, notFound, ok),
                ids(internal().queryParam("from", today).queryParam("to", today), path));
        assertEquals(List.of(notFound, ok),
                ids(internal().queryParam("from", NOW.minusSeconds(3).toString()).queryParam("to", NOW.minusSeconds(1).toString()), path));
        assertEquals(List.of(ok), ids(internal().queryParam("endpoint", "/v1/tiktok/profile").queryParam("from", today)
                .queryParam("status", "2xx"), path), "filters combine");
    }

    @Test
    void aRequestIdThatDoesNotBeginWithItsTimeIsFoundToo() {
        long account = Api.newAccount();
        // the form of ids minted before decision 008: random from the first character, here a time 8,000 years away
        String old = "req-zzzzzzzz" + rid().substring(12);
        String recent = rid();
        store.store(entry(List.of(row(old, account, NOW.minus(2, ChronoUnit.DAYS), 200, "/v1/x"),
                row(recent, account, NOW, 200, "/v1/x"))));
        String path = "/internal/accounts/" + account + "/activity";
        assertEquals(List.of(old), ids(internal().queryParam("request_id", old), path));
        assertEquals(List.of(recent), ids(internal().queryParam("request_id", recent), path));
    }

    @Test
    void badParametersAreA400NamingTheParameterAndAnUnknownAccountIsA404() {
        long account = Api.newAccount();
        String path = "/internal/accounts/" + account + "/activity";
        internal().queryParam("status", "600").get(path).then().statusCode(400).body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("Parameter 'status' must be a status code such as 404 or a class such as 4xx."));
        internal().queryParam("status", "4x").get(path).then().statusCode(400);
        internal().queryParam("endpoint", "v1/tiktok").get(path).then().statusCode(400)
                .body("error.message", equalTo("Parameter 'endpoint' must be a path such as /v1/tiktok/profile."));
        internal().queryParam("from", "yesterday").get(path).then().statusCode(400)
                .body("error.message", equalTo("Parameter 'from' must be a date such as 2026-12-01 (UTC) or an ISO-8601 instant such as 2026-12-01T00:00:00Z."));
        internal().queryParam("to", "2026-02-30").get(path).then().statusCode(400)
                .body("error.message", startsWith("Parameter 'to' must be a date"));
        internal().queryParam("request_id", "req bad").get(path).then().statusCode(400)
                .body("error.message", startsWith("Parameter 'request_id' must be a request id"));
        internal().queryParam("cursor", "nope").get(path).then().statusCode(400)
                .body("error.message", equalTo("Parameter 'cursor' is not a cursor this API returned."));
        for (String limit : List.of("0", "201", "many")) {
            internal().queryParam("limit", limit).get(path).then().statusCode(400)
                    .body("error.message", equalTo("Parameter 'limit' must be an integer from 1 to 200."));
        }
        internal().get("/internal/accounts/99999999/activity").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"));
        internal().get("/internal/accounts/x/activity").then().statusCode(400);
        Api.admin().get(path).then().statusCode(401).body("error.type", equalTo("INVALID_API_KEY"));
    }

    @Test
    void supportFindsOneRequestAcrossAccountsOrAnAccountsLogWithItsAccountId() {
        long account = Api.newAccount();
        String id = rid();
        store.store(entry(List.of(row(id, account, NOW, 502, "/v1/tiktok/profile"))));
        ledger().queryParam("request_id", id).get("/ledger/activity").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].account_id", equalTo((int) account))
                .body("items[0].status", equalTo(502));
        admin().queryParam("account", account).get("/ledger/activity").then().statusCode(200)
                .body("items[0].request_id", equalTo(id));
        ledger().get("/ledger/activity").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'account' or parameter 'request_id' is required."));
        ledger().queryParam("account", 99999999).get("/ledger/activity").then().statusCode(404);
    }

    private static List<String> ids(RequestSpecification request, String path) {
        return request.get(path).then().statusCode(200).extract().jsonPath().getList("items.request_id", String.class);
    }
}

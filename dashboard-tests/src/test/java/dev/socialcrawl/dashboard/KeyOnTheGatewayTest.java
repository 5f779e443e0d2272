package dev.socialcrawl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A key made in the dashboard is a real key: the gateway serves it until it is revoked in the dashboard. The account's
 * pages show what its keys did: the ledger and usage from the gateway's debits, the activity log from the activity
 * stream.
 */
class KeyOnTheGatewayTest extends DashboardTest {

    @Test
    void aKeyCreatedInTheDashboardWorksOnTheGatewayUntilItIsRevoked() {
        long account = suite.admin.newAccount("Keys Ltd");
        signedInUser("customer", account);
        browser.open("/dashboard/keys");
        browser.type("#key-name", "production");
        browser.click("#create-key");

        String key = browser.find("#new-key").getAttribute("value");
        assertTrue(key.startsWith("sc_") && key.length() == 46, key);
        assertTrue(browser.find("button[data-copy-target='new-key']").isDisplayed(), "the copy button, with JavaScript on");
        shots.page("key-created");

        HttpResponse<String> served = gatewayGet("/v1/reddit/search?query=x", key);
        assertEquals(200, served.statusCode(), served.body());

        browser.open("/dashboard/keys");
        assertTrue(browser.text("#keys").contains("…" + key.substring(key.length() - 4)), browser.text("#keys"));
        assertTrue(!browser.pageText().contains(key), "the key is shown only once");
        shots.page("keys");

        long keyId = suite.admin.keys(account).get(0).get("id").asLong();
        browser.click("#revoke-" + keyId);
        assertTrue(browser.heading().startsWith("Revoke the key ending in"), browser.heading());
        shots.page("key-revoke-confirm");
        assertEquals("active", suite.admin.keys(account).get(0).get("status").asText(), "nothing happens before confirming");
        browser.click("#confirm-revoke");
        assertTrue(browser.text("#notice").contains("is revoked"), browser.text("#notice"));

        HttpResponse<String> refused = gatewayGet("/v1/reddit/search?query=x", key);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("INVALID_API_KEY"), refused.body());
    }

    @Test
    void theCustomersPagesShowItsRequestsSpendAndLedger() {
        long account = suite.admin.newAccount("Busy Ltd");
        Admin.Key key = suite.admin.newKey(account, "ci");
        String served = gatewayGet("/v1/reddit/search?query=dashboards", key.secret()).headers().firstValue("X-Request-Id")
                .orElseThrow();
        gatewayGet("/v1/reddit/search?query=charts", key.secret());
        gatewayGet("/v1/tiktok/profile?handle=notfound-someone", key.secret());
        Instant now = Instant.now();
        List<ActivityStream.Record> records = List.of(
                record(account, key, "/v1/reddit/search", "query=dashboards", 200, null, 1, now.minusSeconds(40)),
                record(account, key, "/v1/tiktok/profile", "handle=notfound-someone", 404, "RESOURCE_NOT_FOUND", 1,
                        now.minusSeconds(30)),
                record(account, key, "/v1/tiktok/profile", "handle=", 400, "INVALID_REQUEST", 0, now.minusSeconds(20)),
                record(account, key, "/v1/instagram/profile", "handle=error-x", 502, "UPSTREAM_ERROR", 0, now.minusSeconds(10)));
        suite.activity.add(records);
        signedInUser("customer", account);

        browser.open("/dashboard/overview");
        assertTrue(browser.text("#spent-24h").matches("[1-9][0-9]*"), browser.text("#spent-24h"));
        assertTrue(browser.has("svg.chart"), "the spend chart");

        String newest = records.get(3).requestId();
        Awaitility.await("activity rows").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open("/dashboard/activity");
            return browser.all("td.mono").stream().anyMatch(td -> td.getText().equals(newest));
        });
        assertTrue(browser.has("span.status.status-5xx") && browser.has("span.status.status-4xx")
                && browser.has("span.status.status-2xx"), "status colours");
        shots.page("activity");
        String notFound = records.get(1).requestId();
        browser.type("#f-request", notFound);
        browser.click("form[role=search] button[type=submit]");
        assertEquals(1, browser.all("table tbody tr").size(), browser.text("table"));
        assertTrue(browser.text("table tbody tr").contains("404"), browser.text("table tbody tr"));
        browser.open("/dashboard/activity?status=5xx");
        assertEquals(1, browser.all("table tbody tr").size(), browser.text("table"));

        browser.open("/dashboard/overview");
        shots.page("overview");
        browser.open("/dashboard/ledger");
        assertTrue(browser.text("#ledger").contains(served), browser.text("#ledger"));
        shots.page("ledger");
        browser.open("/dashboard/usage");
        assertTrue(browser.all("svg.chart").size() == 2, "two charts");
        assertTrue(browser.pageText().contains("/v1/reddit/search"), browser.pageText());
        shots.page("usage");
    }

    private static ActivityStream.Record record(long account, Admin.Key key, String path, String query, int status,
            String errorType, long credits, Instant at) {
        return new ActivityStream.Record("req-" + UUID.randomUUID().toString().replace("-", ""), account, key.id(), key.last4(),
                path, query, status, errorType, credits, at);
    }
}

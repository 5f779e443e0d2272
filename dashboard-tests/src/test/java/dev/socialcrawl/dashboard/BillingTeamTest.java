package dev.socialcrawl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The billing team: {@code billing} reads every account and cannot top up; {@code billing-admin} tops up, audited. */
class BillingTeamTest extends DashboardTest {

    @Test
    void aBillingUserSeesEveryAccountButHasNoTopUpFormAndAForgedOneIsRefused() {
        long account = suite.admin.newAccount("Read Only Ltd");
        signedInUser("billing", null);
        assertEquals("/dashboard/accounts", browser.path());
        browser.type("#a-query", "Read Only");
        browser.click("#search");
        browser.click("#accounts a[href='/dashboard/overview?account=" + account + "']");
        assertEquals("/dashboard/overview?account=" + account, browser.path());
        assertTrue(!browser.has("#credit-amount"), "no top-up form for billing");
        assertTrue(browser.has("#audit-trail"), "the account's audit trail");

        String token = browser.find("header form input[name='csrf-token']").getAttribute("value");
        postForm("/dashboard/credits", Map.of("csrf-token", token, "account", Long.toString(account), "type", "topup",
                "amount", "5000", "idempotency_key", "forged-top-up-0000001"));
        assertEquals("Not allowed", browser.heading());
        assertEquals(100, suite.admin.balance(account), "no credit was added");

        browser.open("/dashboard/users");
        assertEquals("Not allowed", browser.heading());
    }

    @Test
    void aBillingAdminTopUpAppearsInTheLedgerAndTheAuditLog() {
        long account = suite.admin.newAccount("Top Up Ltd");
        String admin = signedInUser("billing-admin", null);
        browser.open("/dashboard/accounts");
        shots.page("accounts");
        browser.open("/dashboard/overview?account=" + account);
        browser.select("#credit-type", "topup");
        browser.type("#credit-amount", "500");
        browser.type("#credit-note", "invoice 2026-0042");
        shots.page("account-billing-admin");
        browser.click("#add-credits");
        assertTrue(browser.text("#notice").startsWith("Credits added"), browser.text("#notice"));
        assertEquals("600 credits", browser.text("#balance"));

        browser.open("/dashboard/ledger?account=" + account);
        assertTrue(browser.text("#ledger").contains("+500") && browser.text("#ledger").contains("invoice 2026-0042"),
                browser.text("#ledger"));
        browser.open("/dashboard/audit?account=" + account);
        String row = browser.all("#audit tbody tr").get(0).getText();
        assertTrue(row.contains(admin) && row.contains("credits.added") && row.contains("invoice 2026-0042"), row);
        shots.page("audit");

        JsonNode audit = suite.admin.audit(account).get(0);
        assertEquals(List.of("user", admin, "credits.added", "/dashboard/credits"), List.of(audit.get("actor_kind").asText(),
                audit.get("actor").asText(), audit.get("action").asText(), audit.get("path").asText()));
    }

    @Test
    void theBillingTeamsOtherPages() {
        long account = suite.admin.newAccount("Reports Ltd");
        Admin.Key key = suite.admin.newKey(account, "reports");
        gatewayGet("/v1/reddit/search?query=report", key.secret());
        signedInUser("billing-admin", null);

        browser.open("/dashboard/reports/usage");
        assertTrue(browser.has("svg.chart"), "a chart of usage by account");
        assertTrue(browser.pageText().contains("Reports Ltd"), browser.pageText());
        shots.page("usage-report");
        browser.open("/dashboard/low-balance");
        assertEquals("Low balance", browser.heading());
        shots.page("low-balance");
        browser.open("/dashboard/unsettled");
        assertEquals("Unsettled debits", browser.heading());
        shots.page("unsettled");
        browser.open("/dashboard/integrity");
        assertTrue(browser.text("#integrity-status").startsWith("Healthy"), browser.text("#integrity-status"));
        shots.page("integrity");

        browser.open("/dashboard/users");
        String customer = unique("cust");
        browser.type("#new-user-name", customer);
        browser.select("#new-user-role", "customer");
        browser.type("#new-user-account", Long.toString(account));
        browser.click("#create-user");
        String oneTime = browser.find("#one-time-password").getAttribute("value");
        assertTrue(oneTime.matches("[A-Za-z0-9]{20}"), "a one-time password is shown once");
        shots.page("users");
        browser.forgetEverything();
        signInFirstTime(customer, oneTime);
        assertEquals("/dashboard/overview", browser.path());
    }
}

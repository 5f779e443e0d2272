package dev.socialcrawl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** A customer sees one account: another in the URL is refused (403), another's key is not found (404); forms need CSRF. */
class CustomerBoundsTest extends DashboardTest {

    @Test
    void anotherAccountInTheUrlIsRefusedAndTheErrorPageShowsItsRequestId() {
        long own = suite.admin.newAccount("Own Ltd");
        long other = suite.admin.newAccount("Other Ltd");
        Admin.Key theirs = suite.admin.newKey(other, "theirs");
        signedInUser("customer", own);

        for (String page : new String[] { "/dashboard/overview", "/dashboard/keys", "/dashboard/ledger", "/dashboard/activity",
                "/dashboard/usage" }) {
            browser.open(page + "?account=" + other);
            assertEquals("Not allowed", browser.heading(), page);
            assertTrue(browser.text("#error-request-id").matches("req-[A-Za-z0-9_-]{20,}"), browser.text("#error-request-id"));
            assertTrue(!browser.pageText().contains("Other Ltd"), page);
        }
        shots.page("error-not-allowed");

        browser.open("/dashboard/keys/revoke?key=" + theirs.id());
        assertEquals("Not found", browser.heading());
        browser.open("/dashboard/accounts");
        assertEquals("Not allowed", browser.heading());
        assertEquals("active", suite.admin.keys(other).get(0).get("status").asText());
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        long account = suite.admin.newAccount("Csrf Ltd");
        signedInUser("customer", account);
        browser.open("/dashboard/keys");
        browser.script("document.querySelector(\"form[action='/dashboard/keys'] input[name='csrf-token']\").remove();");
        browser.type("#key-name", "forged");
        browser.click("#create-key");
        assertEquals("This request could not be accepted", browser.heading());
        assertTrue(browser.pageText().contains("The form was too old or did not come from this dashboard."), browser.pageText());
        shots.page("error-csrf");

        browser.open("/dashboard/keys");
        postForm("/dashboard/keys", Map.of("name", "forged again"));
        assertEquals("This request could not be accepted", browser.heading());
        assertEquals(0, suite.admin.keys(account).size(), "no key was made");
    }
}

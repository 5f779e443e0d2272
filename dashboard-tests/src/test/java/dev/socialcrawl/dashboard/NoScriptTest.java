package dev.socialcrawl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With JavaScript off every action still works: the pages are plain HTML forms; only the copy button is missing. */
class NoScriptTest extends DashboardTest {
    private static Browser withScripts;

    @BeforeAll
    static void scriptsOff() {
        withScripts = browser;
        browser = Browser.withoutJavaScript(suite.dashboardBase());
    }

    @AfterAll
    static void scriptsOn() {
        browser = withScripts;
    }

    @Test
    void signingInMakingAndRevokingAKeyAndToppingUpWorkWithoutJavaScript() {
        long account = suite.admin.newAccount("No Script Ltd");
        signedInUser("customer", account);
        assertEquals("/dashboard/overview", browser.path());

        browser.open("/dashboard/keys");
        browser.type("#key-name", "typed by hand");
        browser.click("#create-key");
        String key = browser.find("#new-key").getAttribute("value");
        assertTrue(key.startsWith("sc_"), key);
        assertTrue(!browser.find("button[data-copy-target='new-key']").isDisplayed(), "no copy button without JavaScript");

        long keyId = suite.admin.keys(account).get(0).get("id").asLong();
        browser.open("/dashboard/keys");
        browser.click("#revoke-" + keyId);
        browser.click("#confirm-revoke");
        assertEquals("revoked", suite.admin.keys(account).get(0).get("status").asText());
        browser.click("header.site .user button");
        assertEquals("/dashboard/login?signed_out=1", browser.path());

        signedInUser("billing-admin", null);
        browser.open("/dashboard/overview?account=" + account);
        browser.type("#credit-amount", "250");
        browser.type("#credit-note", "typed without scripts");
        browser.click("#add-credits");
        assertEquals("350 credits", browser.text("#balance"));
    }
}

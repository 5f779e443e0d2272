package dev.socialcrawl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every browser test: the services up, one browser with no cookies, screenshots kept, and the dashboard's vocabulary. */
abstract class DashboardTest {
    @RegisterExtension
    final Screenshots shots = new Screenshots();

    static Suite suite;
    static Browser browser;

    @BeforeAll
    static void servicesAndBrowser() {
        Browser.requireInstalled();
        suite = Suite.get();
        browser = Browser.get(suite.dashboardBase());
    }

    @BeforeEach
    void aNewVisitor() {
        shots.use(browser);
        browser.forgetEverything();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Fills and sends the sign-in form. */
    void signIn(String name, String password) {
        browser.open("/dashboard/login");
        browser.type("#name", name);
        browser.type("#password", password);
        browser.click("#sign-in");
    }

    /** Signs in with a one-time password and chooses an own one, as the first sign-in requires; @return the new one */
    String signInFirstTime(String name, String oneTimePassword) {
        signIn(name, oneTimePassword);
        assertEquals("/dashboard/password", browser.path());
        String chosen = "chosen " + UUID.randomUUID();
        browser.type("#current_password", oneTimePassword);
        browser.type("#new_password", chosen);
        browser.type("#confirm_password", chosen);
        browser.click("#save-password");
        return chosen;
    }

    /** A new user of this role made through the admin API and signed in; @return its name */
    String signedInUser(String role, Long account) {
        String name = unique(role);
        signInFirstTime(name, suite.admin.newUser(name, role, account));
        return name;
    }

    static HttpResponse<String> gatewayGet(String pathAndQuery, String key) {
        return Http.get(suite.gateway.url() + pathAndQuery, Map.of("x-api-key", key));
    }

    /** Follows a download link of the page shown, with the browser's cookies; @return the CSV's rows */
    List<List<String>> download(String linkCss) {
        String href = browser.find(linkCss).getAttribute("href");
        HttpResponse<String> r = Http.get(href, Map.of("Cookie", browser.cookieHeader()));
        assertEquals(200, r.statusCode(), href + ": " + r.body());
        assertEquals(true, r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), href);
        return Csv.parse(r.body());
    }

    /** A form the page does not have, posted by the page's own script: what a forged request looks like. */
    void postForm(String action, Map<String, String> fields) {
        browser.navigatingScript("var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                + "Object.entries(arguments[1]).forEach(function (e) { var i = document.createElement('input');"
                + " i.type = 'hidden'; i.name = e[0]; i.value = e[1]; f.appendChild(i); });"
                + "document.body.appendChild(f); f.submit();", action, fields);
    }
}

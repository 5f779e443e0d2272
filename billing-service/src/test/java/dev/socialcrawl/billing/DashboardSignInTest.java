package dev.socialcrawl.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Signing in and out, the forced first password change, CSRF on every form, cookies, error pages. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class DashboardSignInTest {
    private static final List<String> ACCOUNT_PAGES = List.of("/dashboard/overview", "/dashboard/keys", "/dashboard/activity",
            "/dashboard/ledger", "/dashboard/usage", "/dashboard/ledger.csv", "/dashboard/usage.csv");

    @Test
    void withoutASessionEveryPageSendsToTheSignInPage() {
        DashboardClient anonymous = new DashboardClient();
        anonymous.get("/dashboard").then().statusCode(303).header("Location", "/dashboard/login");
        for (String page : ACCOUNT_PAGES) {
            anonymous.get(page).then().statusCode(302).header("Location", "/dashboard/login");
        }
        anonymous.get("/dashboard/accounts").then().statusCode(302).header("Location", "/dashboard/login");
        anonymous.cookies.put(DashboardClient.SESSION, "made-up-" + "x".repeat(35));
        anonymous.get("/dashboard/overview").then().statusCode(302).header("Location", "/dashboard/login?ended=1");
        anonymous.get("/dashboard/login?ended=1").then().statusCode(200).body(containsString("Your session has ended"));
    }

    @Test
    void theFirstSignInForcesAPasswordChangeBeforeAnyPage() {
        long account = Api.newAccount();
        DashboardClient user = DashboardClient.newUser("customer", account);
        String oneTime = user.password;
        Response in = user.signIn();
        in.then().statusCode(303).header("Location", "/dashboard/password");
        String firstSession = user.cookies.get(DashboardClient.SESSION);
        for (String page : ACCOUNT_PAGES) {
            user.get(page).then().statusCode(303).header("Location", "/dashboard/password");
        }
        user.get("/dashboard/password").then().statusCode(200).body(containsString("Choose your own password"))
                .body(not(containsString("aria-label=\"Main\"")));

        user.post("/dashboard/password", Map.of("current_password", "not-it-at-all", "new_password", "a fine new password",
                "confirm_password", "a fine new password")).then().statusCode(400)
                .body(containsString("The current password is not right."));
        user.post("/dashboard/password", Map.of("current_password", oneTime, "new_password", "a fine new password",
                "confirm_password", "another one entirely")).then().statusCode(400)
                .body(containsString("The new password and its confirmation differ."));
        user.post("/dashboard/password", Map.of("current_password", oneTime, "new_password", "short",
                "confirm_password", "short")).then().statusCode(400).body(containsString("at least 12 characters"));
        user.post("/dashboard/password", Map.of("current_password", oneTime, "new_password", oneTime,
                "confirm_password", oneTime)).then().statusCode(400)
                .body(containsString("The new password must differ from the current one."));

        user.post("/dashboard/password", Map.of("current_password", oneTime, "new_password", "a fine new password",
                "confirm_password", "a fine new password")).then().statusCode(303).header("Location", "/dashboard");
        assertTrue(!firstSession.equals(user.cookies.get(DashboardClient.SESSION)), "a new session after the change");
        user.get("/dashboard").then().statusCode(303).header("Location", "/dashboard/overview");
        user.get("/dashboard/overview").then().statusCode(200).body(containsString("Balance"));

        DashboardClient oldSession = new DashboardClient();
        oldSession.cookies.put(DashboardClient.SESSION, firstSession);
        oldSession.get("/dashboard/overview").then().statusCode(302).header("Location", "/dashboard/login?ended=1");
        new DashboardClient(user.name, oneTime).signIn().then().statusCode(401);
        new DashboardClient(user.name, "a fine new password").signIn().then().statusCode(303).header("Location", "/dashboard");
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() {
        DashboardClient known = DashboardClient.newUser("billing", null);
        Response wrong = new DashboardClient(known.name, "not the password").signIn();
        Response unknown = new DashboardClient("nobody-" + known.name, "not the password").signIn();
        for (Response r : List.of(wrong, unknown)) {
            r.then().statusCode(401).contentType(containsString("text/html"))
                    .body(containsString("The name or the password is not right."));
            assertEquals(false, r.getHeaders().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(DashboardClient.SESSION)));
        }
    }

    @Test
    void aFormWithoutTheCsrfTokenOrWithAnotherIsRefusedAndChangesNothing() {
        long account = Api.newAccount();
        DashboardClient user = DashboardClient.signedIn("customer", account);
        Response missing = user.postRaw("/dashboard/keys", Map.of("name", "forged"));
        Response wrong = user.postRaw("/dashboard/keys", Map.of("name", "forged", DashboardClient.CSRF_FIELD, "A".repeat(22)));
        Response json = user.request().contentType("application/json").body("{\"name\":\"forged\"}").post("/dashboard/keys");
        Response plain = user.request().contentType("text/plain").body("name=forged").post("/dashboard/keys");
        for (Response r : List.of(missing, wrong, json, plain)) {
            assertTrue(r.statusCode() == 400 || r.statusCode() == 415, r.statusCode() + " " + r.asString());
            r.then().contentType(containsString("text/html")).body(containsString(r.header("X-Request-Id")));
        }
        missing.then().body(containsString("The form was too old or did not come from this dashboard."));
        Api.admin().get("/admin/accounts/" + account + "/keys").then().statusCode(200).body("size()", equalTo(0));

        DashboardClient stranger = new DashboardClient(user.name, user.password);
        stranger.postRaw("/dashboard/login", Map.of("name", user.name, "password", user.password)).then().statusCode(400);
        assertEquals(false, stranger.hasSession(), "sign-in needs the token too (no login CSRF)");
        user.postRaw("/dashboard/logout", Map.of()).then().statusCode(400);
        user.get("/dashboard/overview").then().statusCode(200);
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
        DashboardClient user = DashboardClient.signedIn("billing", null);
        String session = user.cookies.get(DashboardClient.SESSION);
        user.post("/dashboard/logout", Map.of()).then().statusCode(303).header("Location", "/dashboard/login?signed_out=1");
        assertEquals(false, user.hasSession(), "the cookie is cleared");
        DashboardClient replay = new DashboardClient();
        replay.cookies.put(DashboardClient.SESSION, session);
        replay.get("/dashboard/accounts").then().statusCode(302).header("Location", "/dashboard/login?ended=1");
    }

    @Test
    void theCookiesAreForTheDashboardOnlyHttpOnlyAndStrict() {
        DashboardClient user = DashboardClient.newUser("billing", null);
        Response page = user.get("/dashboard/login");
        String csrf = page.header("Set-Cookie");
        assertTrue(csrf.contains("Path=/dashboard") && csrf.contains("HTTPOnly") && csrf.contains("SameSite=Strict"), csrf);
        Response in = user.signIn();
        String session = in.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(DashboardClient.SESSION))
                .findFirst().orElseThrow();
        assertTrue(session.contains("Path=/dashboard") && session.contains("HttpOnly") && session.contains("SameSite=Strict"),
                session);
        assertEquals(false, session.toLowerCase().contains("max-age") || session.toLowerCase().contains("expires"),
                "a browser-session cookie: " + session);
    }

    @Test
    void pagesForbidFramingScriptsFromElsewhereAndCaching() {
        Response login = new DashboardClient().get("/dashboard/login");
        login.then().statusCode(200).header("X-Frame-Options", "DENY").header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().get("/dashboard/static/dashboard.css").then().statusCode(200).header("Content-Security-Policy", not(nullValue()));
        given().get("/dashboard/static/copy.js").then().statusCode(200).body(containsString("navigator.clipboard"));
    }

    @Test
    void errorPagesAreHtmlAndShowTheRequestIdOfThePageLoad() {
        DashboardClient user = DashboardClient.signedIn("customer", Api.newAccount());
        for (Response r : List.of(user.get("/dashboard/no-such-page"), user.get("/dashboard/keys/revoke?key=abc"),
                user.get("/dashboard/keys/revoke?key=99999999"), user.get("/dashboard/accounts"),
                user.request().delete("/dashboard/overview"))) {
            String id = r.header("X-Request-Id");
            r.then().contentType(containsString("text/html")).body(containsString("<code id=\"error-request-id\">" + id + "</code>"))
                    .body(not(containsString("\"success\"")));
        }
        user.get("/dashboard/no-such-page").then().statusCode(404);
        user.get("/dashboard/keys/revoke?key=abc").then().statusCode(400)
                .body(containsString("Parameter &#39;key&#39; must be a positive integer."));
        user.get("/dashboard/accounts").then().statusCode(403).body(containsString("Your role may not see this page"));
    }

    @Test
    void theApisAreUntouchedNoCookieNoCsrfStillJson() {
        Response r = Api.admin().body(Map.of("name", "json still")).post("/admin/accounts");
        r.then().statusCode(201).header("Set-Cookie", nullValue());
        Api.internal().get("/internal/accounts/" + r.jsonPath().getLong("id") + "/balance").then().statusCode(200)
                .header("Set-Cookie", nullValue());
        given().get("/no/such/route").then().statusCode(404).contentType("application/json");
    }
}

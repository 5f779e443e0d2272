package dev.socialcrawl.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser in the dashboard tests: keeps its cookies (the session and the CSRF token), follows no redirect (the tests
 * check them), and sends the CSRF token with every form as a page's form would.
 */
final class DashboardClient {
    static final String SESSION = "sc_dashboard_session";
    static final String CSRF = "sc_dashboard_csrf";
    static final String CSRF_FIELD = "csrf-token";

    final Map<String, String> cookies = new HashMap<>();
    final String name;
    String password;
    private String forwardedFor;

    DashboardClient() {
        this(null, null);
    }

    DashboardClient(String name, String password) {
        this.name = name;
        this.password = password;
    }

    /** Requests as if forwarded by a proxy on the loopback for this client address. */
    DashboardClient from(String clientAddress) {
        this.forwardedFor = clientAddress;
        return this;
    }

    RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false).cookies(cookies);
        return forwardedFor == null ? spec : spec.header("X-Forwarded-For", forwardedFor);
    }

    Response get(String path) {
        return remember(request().get(path));
    }

    /** A form as the page sends it: with the CSRF token its page gave. */
    Response post(String path, Map<String, ?> form) {
        if (!cookies.containsKey(CSRF)) {
            get("/dashboard/login");
        }
        Map<String, Object> fields = new LinkedHashMap<>(form);
        fields.put(CSRF_FIELD, cookies.get(CSRF));
        return postRaw(path, fields);
    }

    /** A form exactly as given: no CSRF token unless the caller puts one in. */
    Response postRaw(String path, Map<String, ?> form) {
        return remember(request().contentType("application/x-www-form-urlencoded").formParams(form).post(path));
    }

    Response signIn() {
        return post("/dashboard/login", Map.of("name", name, "password", password));
    }

    /** Signs in with the one-time password and chooses a password of its own, as the first sign-in requires. */
    DashboardClient signInFirstTime() {
        Response in = signIn();
        assertEquals(303, in.statusCode(), in.asString());
        assertEquals("/dashboard/password", in.header("Location"));
        String chosen = "chosen-" + UUID.randomUUID();
        Response changed = post("/dashboard/password", Map.of("current_password", password, "new_password", chosen,
                "confirm_password", chosen));
        assertEquals(303, changed.statusCode(), changed.asString());
        password = chosen;
        return this;
    }

    boolean hasSession() {
        return cookies.containsKey(SESSION);
    }

    private Response remember(Response r) {
        for (Cookie c : r.getDetailedCookies()) {
            if (c.getValue() == null || c.getValue().isEmpty() || c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        }
        return r;
    }

    /** A dashboard user made through the admin API; signs in with its one-time password. */
    static DashboardClient newUser(String role, Long accountId) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "role", role));
        if (accountId != null) {
            body.put("account_id", accountId);
        }
        String oneTime = Api.admin().body(body).post("/admin/dashboard-users").then().statusCode(201).extract().jsonPath()
                .getString("one_time_password");
        return new DashboardClient(name, oneTime);
    }

    /** A new user, signed in, its own password chosen. */
    static DashboardClient signedIn(String role, Long accountId) {
        return newUser(role, accountId).signInFirstTime();
    }

    /** The id of the user named. */
    static long userId(String name) {
        return Api.admin().get("/admin/dashboard-users").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.name == '" + name + "' }.id");
    }
}

package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.GatewayTest;

/**
 * {@code /dashboard} on the public address (docs/dashboard.md): relayed to billing as it came — method, path, query,
 * body, cookies — with the forwarding headers, never with credentials for billing's other APIs; billing's answer,
 * redirects and cookies included, relayed back; nothing outside {@code /dashboard} reaches billing this way.
 */
@QuarkusTest
class DashboardForwardTest extends GatewayTest {

    @AfterEach
    void billingIsBack() {
        billing().down(false);
    }

    @Test
    void aPageRequestReachesBillingAsItCameWithForwardingHeadersAndNoOtherCredentials() {
        Response r = given().header("Cookie", "session=abc").header("X-Internal-Token", "stolen")
                .header("Authorization", "Bearer admin-token").header("x-api-key", "sc_whatever")
                .get("/dashboard/activity?status=4xx&page=2");
        r.then().statusCode(200).contentType("text/html; charset=UTF-8");
        JsonPath echo = new JsonPath(r.asString());
        assertEquals("GET", echo.getString("method"));
        assertEquals("/dashboard/activity?status=4xx&page=2", echo.getString("uri"));
        assertEquals("session=abc", echo.getString("headers.cookie"));
        assertEquals(r.header("X-Request-Id"), echo.getString("headers.x-request-id"));
        assertEquals("127.0.0.1", echo.getString("headers.x-forwarded-for"));
        assertEquals("http", echo.getString("headers.x-forwarded-proto"));
        assertTrue(echo.getString("headers.x-forwarded-host").startsWith("localhost:"));
        for (String secret : List.of("x-internal-token", "authorization", "x-api-key")) {
            assertEquals(null, echo.getString("headers." + secret), secret + " is never passed on");
        }
    }

    @Test
    void aFormPostIsRelayedWithItsBodyAndTheRedirectAndEveryCookieComeBack() {
        Response r = given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig()
                .followRedirects(false))).contentType("application/x-www-form-urlencoded")
                .body("username=ana&password=s3cret").post("/dashboard/login");
        r.then().statusCode(303).header("Location", "/dashboard/overview");
        assertEquals(List.of("session=abc; Path=/dashboard; HttpOnly", "flash=signed-in; Path=/dashboard"),
                r.headers().getValues("Set-Cookie"));
        JsonPath echo = new JsonPath(r.asString());
        assertEquals("POST", echo.getString("method"));
        assertEquals("username=ana&password=s3cret", echo.getString("body"));
    }

    @Test
    void onlyTheDashboardIsRelayedAndBillingsOwnRefusalComesBack() {
        given().get("/dashboardx").then().statusCode(404).body("error.type", equalTo("ENDPOINT_NOT_FOUND"));
        given().get("/admin/accounts").then().statusCode(404).body("error.type", equalTo("ENDPOINT_NOT_FOUND"));
        given().get("/internal/keys/abc").then().statusCode(404).header("X-Credits-Used", nullValue());
        billing().down(true);
        given().get("/dashboard").then().statusCode(503).body("error.type", equalTo("SERVICE_UNAVAILABLE"));
    }
}

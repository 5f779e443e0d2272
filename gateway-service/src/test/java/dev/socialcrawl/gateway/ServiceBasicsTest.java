package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.GatewayTest;

@QuarkusTest
class ServiceBasicsTest extends GatewayTest {

    @Test
    void readinessIsUp() {
        management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void livenessIsUpAndMetricsAreExposed() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        management().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void unknownPathAnswersInTheEnvelope() {
        Response r = given().when().get("/no/such/route");
        r.then().statusCode(404)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error.type", equalTo("ENDPOINT_NOT_FOUND"))
                .body("error.status", equalTo(404))
                .body("error.doc_url", equalTo("http://localhost:8080/docs/errors/endpoint-not-found"))
                .body("request_id", matchesPattern("req-[A-Za-z0-9_-]{20,}"));
        assertHeaderMatchesBody(r);
    }

    @Test
    void anUnreadableAnswerFromBillingEndsInTheEnvelopeWithoutDetails() {
        Account a = account(100);
        billing().debitsAnswerGarbage(a.id());
        Response r = as(a).get("/v1/tiktok/profile?handle=" + token("garbled"));
        r.then().statusCode(500)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error.type", equalTo("INTERNAL_ERROR"))
                .body("error.status", equalTo(500))
                .body("error.doc_url", equalTo("http://localhost:8080/docs/errors/internal-error"))
                .body("error.message", equalTo("An unexpected error occurred. Nothing was charged."))
                .body(not(containsString("simulated")))
                .body(not(containsString("IllegalStateException")));
        assertHeaderMatchesBody(r);
    }

    @Test
    void anyOtherMethodAnywhereAnswersInTheEnvelope() {
        Response r = given().when().delete("/v1/tiktok/profile");
        r.then().statusCode(405)
                .header("Allow", "GET")
                .body("success", equalTo(false))
                .body("error.type", equalTo("METHOD_NOT_ALLOWED"))
                .body("error.doc_url", equalTo("http://localhost:8080/docs/errors/method-not-allowed"));
        assertHeaderMatchesBody(r);
        Response elsewhere = given().when().post("/no/such/route");
        elsewhere.then().statusCode(404).body("error.type", equalTo("ENDPOINT_NOT_FOUND"));
        assertHeaderMatchesBody(elsewhere);
    }

    @Test
    void everyResponseCarriesARequestIdHeaderEvenHealth() {
        management().get("/q/health/live").then().header("X-Request-Id", matchesPattern("req-[A-Za-z0-9_-]{20,}"));
    }

    @Test
    void thePublicPortServesNeitherHealthNorMetrics() {
        for (String path : new String[] { "/q/health/ready", "/q/metrics" }) {
            Response r = given().when().get(path);
            r.then().statusCode(404).body("error.type", equalTo("ENDPOINT_NOT_FOUND"));
            assertHeaderMatchesBody(r);
        }
    }

    private static void assertHeaderMatchesBody(Response r) {
        r.then().header("X-Request-Id", equalTo(r.jsonPath().getString("request_id")));
        org.junit.jupiter.api.Assertions.assertEquals(1, r.headers().getValues("X-Request-Id").size(),
                "exactly one X-Request-Id header");
    }
}

package dev.socialcrawl.billing;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class ServiceBasicsTest {
    @TestHTTPResource(value = "/", management = true)
    URI managementUri;

    /** Health and metrics are served only on the management interface. */
    private io.restassured.specification.RequestSpecification management() {
        return given().baseUri("http://" + managementUri.getHost()).port(managementUri.getPort());
    }


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
    void unexpectedExceptionAnswersInTheEnvelopeWithoutDetails() {
        Response r = given().when().get("/test-only/boom");
        r.then().statusCode(500)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error.type", equalTo("INTERNAL_ERROR"))
                .body("error.status", equalTo(500))
                .body("error.doc_url", equalTo("http://localhost:8080/docs/errors/internal-error"))
                .body("error.message", not(containsString("simulated")))
                .body(not(containsString("IllegalStateException")));
        assertHeaderMatchesBody(r);
    }

    @Test
    void wrongMethodAnswersInTheEnvelope() {
        Response r = given().when().delete("/test-only/boom");
        r.then().statusCode(405)
                .body("success", equalTo(false))
                .body("error.type", equalTo("METHOD_NOT_ALLOWED"))
                .body("error.doc_url", equalTo("http://localhost:8080/docs/errors/method-not-allowed"));
        assertHeaderMatchesBody(r);
    }

    @Test
    void everyResponseCarriesARequestIdHeaderEvenHealth() {
        management().get("/q/health/live").then().header("X-Request-Id", matchesPattern("req-[A-Za-z0-9_-]{20,}"));
    }

    private static void assertHeaderMatchesBody(Response r) {
        r.then().header("X-Request-Id", equalTo(r.jsonPath().getString("request_id")));
        org.junit.jupiter.api.Assertions.assertEquals(1, r.headers().getValues("X-Request-Id").size(),
                "exactly one X-Request-Id header");
    }
}

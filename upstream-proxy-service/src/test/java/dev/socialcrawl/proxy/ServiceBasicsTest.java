package dev.socialcrawl.proxy;

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
class ServiceBasicsTest {
    @TestHTTPResource(value = "/", management = true)
    java.net.URI managementUri;


    @Test
    void readinessIsUp() {
        Management.at(managementUri).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void livenessIsUpAndMetricsAreExposed() {
        Management.at(managementUri).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.at(managementUri).get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
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
    void aRequestLineThatIsNotAValidUriIsTheInvalidRequestEnvelopeOnEveryPath() throws Exception {
        for (String target : java.util.List.of("/no/such%zz", "/sandbox/v1/tiktok/profile?handle=%zz",
                "/sandbox/v1/tiktok/profile%4?handle=x", "/q/health%zz", "/sandbox/v1/tiktok/profile?handle=a|b")) {
            RawHttp.Answer answer = RawHttp.send("GET", target, java.util.Map.of());
            org.junit.jupiter.api.Assertions.assertEquals(400, answer.status(), target);
            org.junit.jupiter.api.Assertions.assertEquals("application/json", answer.header("Content-Type"), target);
            com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(answer.body());
            org.junit.jupiter.api.Assertions.assertEquals("INVALID_REQUEST", body.at("/error/type").asText(), target);
            org.junit.jupiter.api.Assertions.assertEquals(answer.header("X-Request-Id"),
                    body.at("/request_id").asText());
        }
    }

    @Test
    void junkPathsShareFixedUriLabelsAndCreateNoNewSeries() {
        String junk = java.util.UUID.randomUUID().toString();
        given().get("/" + junk + "/a").then().statusCode(404);
        given().post("/" + junk).then().statusCode(404);
        given().delete("/test-only/boom").then().statusCode(405);
        org.junit.jupiter.api.Assertions.assertEquals(400, RawHttp.send("GET", "/" + junk + "%zz", java.util.Map.of())
                .status());
        org.junit.jupiter.api.Assertions.assertEquals(400, RawHttp.send("GET", "/sandbox/" + junk + "%zz",
                java.util.Map.of()).status());
        given().get("/sandbox/v1/tiktok/" + junk).then().statusCode(404);
        given().queryParam("handle", "sandbox_creator").get("/sandbox/v1/tiktok/profile").then().statusCode(200);
        given().get("/proxy/" + junk).then().statusCode(401);
        Management.at(managementUri).get("/q/health/live").then().statusCode(200);

        String metrics = Management.at(managementUri).get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.Set<String> labels = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        while (m.find()) {
            labels.add(m.group(1));
        }
        org.junit.jupiter.api.Assertions.assertTrue(java.util.Set.of("UNMATCHED", "NOT_FOUND", "/proxy/{path}",
                "/sandbox/{path}", "root").containsAll(labels), labels.toString());
        org.junit.jupiter.api.Assertions.assertFalse(metrics.contains(junk), "no series names a junk path");
    }

    @Test
    void theSandboxNeedsNoServiceToken() {
        given().queryParam("handle", "sandbox_creator").get("/sandbox/v1/tiktok/profile").then().statusCode(200);
        given().get("/proxy/status").then().statusCode(401).body("error.type", equalTo("INVALID_API_KEY"));
    }

    @Test
    void everyResponseCarriesARequestIdHeaderEvenHealth() {
        Management.at(managementUri).get("/q/health/live").then().header("X-Request-Id", matchesPattern("req-[A-Za-z0-9_-]{20,}"));
    }

    private static void assertHeaderMatchesBody(Response r) {
        r.then().header("X-Request-Id", equalTo(r.jsonPath().getString("request_id")));
        org.junit.jupiter.api.Assertions.assertEquals(1, r.headers().getValues("X-Request-Id").size(),
                "exactly one X-Request-Id header");
    }
}

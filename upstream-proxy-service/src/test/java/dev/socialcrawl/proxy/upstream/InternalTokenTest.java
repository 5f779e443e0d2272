package dev.socialcrawl.proxy.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

import dev.socialcrawl.proxy.ProxyCalls;

/** Every /proxy request needs the internal service token; without it nothing reaches the upstream. */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class InternalTokenTest {
    private static final List<String> PATHS = List.of("/proxy/tiktok/profile?handle=charlidamelio", "/proxy/status",
            "/proxy/myspace/profile");

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void freshUpstream() {
        wireMock.resetAll();
    }

    @Test
    void withoutTheRightTokenEveryProxyPathIsInvalidApiKey() {
        List<RequestSpecification> callers = List.of(given(),
                given().header(ProxyCalls.TOKEN_HEADER, ""),
                given().header(ProxyCalls.TOKEN_HEADER, "test-proxy-tokeN"),
                given().header(ProxyCalls.TOKEN_HEADER, ProxyCalls.TEST_TOKEN + "x"),
                given().header("Authorization", "Bearer " + ProxyCalls.TEST_TOKEN));
        for (RequestSpecification caller : callers) {
            for (String path : PATHS) {
                caller.get(path).then().statusCode(401)
                        .header("Content-Type", "application/json")
                        .body("success", equalTo(false))
                        .body("error.type", equalTo("INVALID_API_KEY"))
                        .body("error.message", equalTo("Missing or invalid internal service token."))
                        .body("error.doc_url", equalTo("http://localhost:8080/docs/errors/invalid-api-key"));
            }
        }
        assertTrue(wireMock.getAllServeEvents().isEmpty(), "nothing reached the upstream");
    }

    @Test
    void aWrongMethodIsRefusedBeforeTheTokenIsLookedAt() {
        given().post("/proxy/tiktok/profile").then().statusCode(405).header("Allow", "GET")
                .body("error.type", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void withTheTokenTheRequestIsServed() {
        ProxyCalls.given().get("/proxy/status").then().statusCode(200).body("platforms.tiktok.state", equalTo("closed"));
    }
}

package dev.socialcrawl.proxy.upstream;

import dev.socialcrawl.proxy.Management;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Each upstream outcome (docs/api.md#credits-and-refunds) from a real fake upstream comes back as its ErrorCode. */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class UpstreamOutcomesTest {
    @TestHTTPResource(value = "/", management = true)
    java.net.URI managementUri;

    static final String TIKTOK_PROFILE = """
            {"user":{"id":"6784563164518679557","uniqueId":"charlidamelio","nickname":"charli d'amelio",
             "avatarLarger":"https://p16-sign-va.tiktokcdn.com/avt-1080.jpg",
             "signature":"Dancing and cooking a new pasta recipe every day in my kitchen",
             "verified":true,"privateAccount":false,"createTime":1558000000},
             "stats":{"followerCount":155000000,"followingCount":1300,"heartCount":11800000000,"videoCount":2700}}""";
    static final String REQUEST_ID = "req-abcdefghijklmnopqrstuvwx";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    BreakerRegistry breakers;

    @BeforeEach
    void freshUpstreamAndBreakers() {
        wireMock.resetAll();
        breakers.resetAll();
    }

    private void stub(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(response));
    }

    @Test
    void usableDataComesBackAsNormalisedDataAndTheUpstreamGetsKeyRequestIdAndParamsWithoutFormat() {
        stub("/v1/tiktok/profile", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(TIKTOK_PROFILE));

        given().header("X-Request-Id", REQUEST_ID).queryParam("handle", "charlidamelio")
                .when().get("/proxy/tiktok/profile")
                .then().statusCode(200)
                .contentType("application/json")
                .header("X-Request-Id", REQUEST_ID)
                .body("author.id", org.hamcrest.Matchers.equalTo("6784563164518679557"))
                .body("author.username", org.hamcrest.Matchers.equalTo("charlidamelio"))
                .body("author.followers", org.hamcrest.Matchers.equalTo(155000000))
                .body("computed.content_category", org.hamcrest.Matchers.equalTo("food"))
                .body("_warnings", org.hamcrest.Matchers.hasItem(containsString("engagement_rate")));

        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/v1/tiktok/profile"))
                .withQueryParam("handle", equalTo("charlidamelio"))
                .withQueryParam("format", absent())
                .withHeader("x-api-key", equalTo(WireMockUpstream.API_KEY))
                .withHeader("X-Request-Id", equalTo(REQUEST_ID)));
    }

    @Test
    void formatRawReturnsTheUpstreamBytesUntouchedAndIsNotForwarded() {
        stub("/v1/tiktok/profile", aResponse().withStatus(200).withBody(TIKTOK_PROFILE));

        byte[] body = given().queryParam("handle", "charlidamelio").queryParam("format", "raw")
                .when().get("/proxy/tiktok/profile")
                .then().statusCode(200).contentType("application/json").extract().asByteArray();

        assertArrayEquals(TIKTOK_PROFILE.getBytes(StandardCharsets.UTF_8), body);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/v1/tiktok/profile")).withQueryParam("format", absent()));
    }

    @Test
    void twoHundredWithNoUsableDataIsResourceNotFoundMarkedAsEmptyUpstream() {
        stub("/v1/tiktok/profile", aResponse().withStatus(200).withBody("{\"user\":{},\"stats\":{}}"));
        expectError(given().queryParam("handle", "ghost").get("/proxy/tiktok/profile"), 404, "RESOURCE_NOT_FOUND")
                .header("X-Upstream-Empty", "true");
    }

    @Test
    void twoHundredWithAZeroLengthBodyIsResourceNotFoundMarkedAsEmptyUpstream() {
        stub("/v1/instagram/profile", aResponse().withStatus(200).withBody(""));
        expectError(given().queryParam("handle", "ghost").get("/proxy/instagram/profile"), 404, "RESOURCE_NOT_FOUND")
                .header("X-Upstream-Empty", "true");
    }

    @Test
    void anEmptyListIsResourceNotFoundMarkedAsEmptyUpstream() {
        stub("/v1/tiktok/profile/videos", aResponse().withStatus(200)
                .withBody("{\"aweme_list\":[],\"has_more\":false,\"max_cursor\":0}"));
        expectError(given().queryParam("handle", "quiet").get("/proxy/tiktok/profile/videos"), 404,
                "RESOURCE_NOT_FOUND").header("X-Upstream-Empty", "true");
    }

    @Test
    void upstream404IsResourceNotFoundMarkedAsNotEmpty() {
        stub("/v1/twitter/profile", aResponse().withStatus(404).withBody("{\"error\":\"User not found\"}"));
        expectError(given().queryParam("handle", "nobody").get("/proxy/twitter/profile"), 404, "RESOURCE_NOT_FOUND")
                .header("X-Upstream-Empty", "false");
    }

    @Test
    void upstream5xxIsUpstreamError() {
        stub("/v1/youtube/channel", aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}"));
        expectError(given().queryParam("handle", "x").get("/proxy/youtube/channel"), 502, "UPSTREAM_ERROR")
                .header("X-Upstream-Empty", nullValue())
                .body("error.message", containsString("HTTP 503"));
    }

    @Test
    void anotherUpstreamStatusSuchAs429IsUpstreamError() {
        stub("/v1/facebook/profile", aResponse().withStatus(429).withBody("{\"error\":\"rate limited\"}"));
        expectError(given().queryParam("url", "https://www.facebook.com/Meta").get("/proxy/facebook/profile"), 502,
                "UPSTREAM_ERROR").body("error.message", containsString("HTTP 429"));
    }

    @Test
    void aBodyThatIsNotJsonIsUpstreamError() {
        stub("/v1/linkedin/profile", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>captcha</html>"));
        expectError(given().queryParam("url", "https://www.linkedin.com/in/x/").get("/proxy/linkedin/profile"), 502,
                "UPSTREAM_ERROR").body("error.message", containsString("not JSON"));
    }

    @Test
    void aConnectionFailureIsUpstreamErrorAfterItsBoundedRetry() {
        long start = System.nanoTime();
        expectError(given().queryParam("url", "https://kick.com/x/clips/clip_1").get("/proxy/kick/clip"), 502,
                "UPSTREAM_ERROR").body("error.message", containsString("could not be reached"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000, "answered promptly, not after a hang");
    }

    @Test
    void aConnectionTheUpstreamClosesBeforeAnsweringIsTriedOnceMoreOnANewOne() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).inScenario("closed once")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))
                .willSetStateTo("answering"));
        wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).inScenario("closed once")
                .whenScenarioStateIs("answering").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(TIKTOK_PROFILE)));

        given().queryParam("handle", "charlidamelio").get("/proxy/tiktok/profile")
                .then().statusCode(200)
                .body("author.username", org.hamcrest.Matchers.equalTo("charlidamelio"));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v1/tiktok/profile")));
    }

    @Test
    void aTimeoutIsUpstreamErrorWithinTheTimeout() {
        stub("/v1/threads/profile", aResponse().withStatus(200).withFixedDelay(4_000).withBody(TIKTOK_PROFILE));
        long start = System.nanoTime();
        Response r = given().queryParam("handle", "slowpoke").get("/proxy/threads/profile");
        long millis = (System.nanoTime() - start) / 1_000_000;
        expectError(r, 502, "UPSTREAM_ERROR").body("error.message", containsString("did not answer within 1000 ms"));
        assertTrue(millis >= 900 && millis < 3_500, "timed out after about 1 s, well before the 4 s answer, took "
                + millis + " ms");
    }

    @Test
    void aPathOutsideTheCatalogueIsEndpointNotFoundWithoutTheEmptyHeader() {
        expectError(given().get("/proxy/tiktok/no-such-resource"), 404, "ENDPOINT_NOT_FOUND")
                .header("X-Upstream-Empty", nullValue());
        expectError(given().get("/proxy/myspace/profile"), 404, "ENDPOINT_NOT_FOUND");
        assertTrue(wireMock.getAllServeEvents().isEmpty(), "nothing reached the upstream");
    }

    @Inject
    ProxyService proxyService;

    @Test
    void anythingUnexpectedIsInternalErrorWithoutDetails() {
        ProxyOutcome outcome = proxyService.classify(breakers.guard("tiktok").orElseThrow(),
                dev.socialcrawl.catalog.Catalog.loadDefault().find("tiktok", "profile").orElseThrow(),
                new IllegalStateException("simulated bug with a secret detail"), System.nanoTime());
        ProxyOutcome.Failure failure = (ProxyOutcome.Failure) outcome;
        org.junit.jupiter.api.Assertions.assertEquals(dev.socialcrawl.errors.ErrorCode.INTERNAL_ERROR, failure.code());
        org.junit.jupiter.api.Assertions.assertFalse(failure.message().contains("secret"));
        org.junit.jupiter.api.Assertions.assertTrue(failure.headers().isEmpty());
    }

    @Test
    void theStatusListsEveryCataloguePlatform() {
        java.util.Map<String, Object> platforms = given().get("/proxy/status").then().statusCode(200)
                .extract().path("platforms");
        java.util.Set<String> expected = new java.util.HashSet<>();
        dev.socialcrawl.catalog.Catalog.loadDefault().platforms().forEach(p -> expected.add(p.name()));
        org.junit.jupiter.api.Assertions.assertEquals(expected, platforms.keySet());
    }

    @Test
    void theSandboxAnswersEndpointNotFoundWhenItIsDisabled() {
        expectError(given().queryParam("handle", "x").get("/sandbox/v1/tiktok/profile"), 404, "ENDPOINT_NOT_FOUND")
                .body("error.message", containsString("disabled"));
    }

    @Test
    void metricsShowLatencyOutcomesBreakerStateAndBulkheadRejectionsPerPlatform() {
        stub("/v1/tiktok/profile", aResponse().withStatus(200).withBody(TIKTOK_PROFILE));
        given().queryParam("handle", "charlidamelio").get("/proxy/tiktok/profile").then().statusCode(200);

        String metrics = Management.at(managementUri).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("upstream_request_duration_seconds_bucket{platform=\"tiktok\""), metrics);
        assertTrue(metrics.contains("upstream_request_duration_seconds_count{platform=\"tiktok\"}"));
        assertTrue(metrics.matches("(?s).*upstream_requests_total\\{outcome=\"success\",platform=\"tiktok\"} [1-9].*"));
        assertTrue(metrics.contains("upstream_requests_total{outcome=\"circuit_open\",platform=\"tiktok\"}"));
        assertTrue(metrics.contains("upstream_circuit_state{platform=\"tiktok\",state=\"closed\"} 1.0"), metrics);
        assertTrue(metrics.contains("upstream_circuit_state{platform=\"tiktok\",state=\"open\"} 0.0"));
        assertTrue(metrics.contains("upstream_circuit_state{platform=\"tiktok\",state=\"half_open\"} 0.0"));
        assertTrue(metrics.contains("upstream_bulkhead_rejections_total{platform=\"tiktok\"}"));
    }

    private static io.restassured.response.ValidatableResponse expectError(Response r, int status, String type) {
        return r.then().statusCode(status)
                .contentType("application/json")
                .body("success", org.hamcrest.Matchers.equalTo(false))
                .body("error.type", org.hamcrest.Matchers.equalTo(type))
                .body("error.status", org.hamcrest.Matchers.equalTo(status))
                .body("request_id", org.hamcrest.Matchers.startsWith("req-"))
                .body(not(containsString("Exception")));
    }
}

package dev.socialcrawl.proxy.upstream;

import dev.socialcrawl.proxy.Management;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An upstream body must be exactly one JSON value of at most {@code upstream.max-body-size} (5 MiB here, the
 * default); anything else is 502 UPSTREAM_ERROR and a failure for the platform's breaker.
 */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class UpstreamBodyTest {
    @TestHTTPResource(value = "/", management = true)
    java.net.URI managementUri;

    private static final long LIMIT = 5L * 1024 * 1024;
    private static final String PROFILE = UpstreamOutcomesTest.TIKTOK_PROFILE;

    @InjectWireMock
    WireMockServer wireMock;

    @InjectHeldUpstream
    BottomlessUpstream bottomless;

    @Inject
    BreakerRegistry breakers;

    @BeforeEach
    void freshUpstreamAndBreakers() {
        wireMock.resetAll();
        breakers.resetAll();
    }

    @Test
    void aTenMegabyteBodyIsUpstreamErrorAndCountsAgainstTheBreaker() {
        String tenMegabytes = "{\"organic_results\":[{\"title\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}]}";
        wireMock.stubFor(get(urlPathEqualTo("/v1/google/search")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(tenMegabytes)));
        double failures = outcome("google", "upstream_error");

        for (int i = 0; i < WireMockUpstream.WINDOW; i++) {
            given().queryParam("query", "cats").get("/proxy/google/search").then().statusCode(502)
                    .body("error.type", equalTo("UPSTREAM_ERROR"))
                    .body("error.message", equalTo("The google upstream answered with a body over the " + LIMIT
                            + "-byte limit. Credits were refunded."));
        }
        given().queryParam("query", "cats").get("/proxy/google/search").then().statusCode(503)
                .body("error.type", equalTo("SERVICE_UNAVAILABLE"));
        assertEquals(failures + WireMockUpstream.WINDOW, outcome("google", "upstream_error"));
    }

    @Test
    void aBodyThatNeverEndsIsAbandonedAsSoonAsItPassesTheLimit() {
        given().queryParam("url", "https://linktr.ee/sandbox_creator").get("/proxy/linktree/page").then()
                .statusCode(502).body("error.message", containsString("over the " + LIMIT + "-byte limit"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bottomless.brokenOff() == 1);
        assertTrue(bottomless.written() < LIMIT + 64L * 1024 * 1024,
                "the upstream could write only the limit and what the sockets buffer: " + bottomless.written());
    }

    @Test
    void bytesAfterTheJsonValueAreUpstreamErrorAlsoWithFormatRaw() {
        for (String body : List.of(PROFILE + ",\"success\":false,\"leaked\":true", PROFILE + "<html>captcha</html>",
                PROFILE + "\n{\"second\":\"value\"}", "[1,2]]")) {
            breakers.resetAll(); // each of these is a breaker failure: keep the window from opening mid-test
            wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body)));
            for (String query : List.of("?handle=charlidamelio", "?handle=charlidamelio&format=raw")) {
                given().get("/proxy/tiktok/profile" + query).then().statusCode(502)
                        .body("error.type", equalTo("UPSTREAM_ERROR"))
                        .body("error.message", equalTo(
                                "The tiktok upstream answered with bytes after its JSON value. Credits were refunded."))
                        .body(not(containsString("leaked")));
            }
        }
    }

    @Test
    void whitespaceAfterTheValueIsFineAndRawKeepsTheBytes() {
        String body = PROFILE + " \r\n\t\n";
        wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
        byte[] raw = given().queryParam("handle", "charlidamelio").queryParam("format", "raw")
                .get("/proxy/tiktok/profile").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), raw);
    }

    private double outcome(String platform, String outcome) {
        String metrics = Management.at(managementUri).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("upstream_requests_total\\{outcome=\"" + outcome + "\",platform=\"" + platform
                + "\"} ([0-9.E+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

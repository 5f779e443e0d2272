package dev.socialcrawl.proxy.upstream;

import dev.socialcrawl.proxy.Management;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A slow platform fills its bulkhead (2 in this profile): the next call is shed at once, other platforms are untouched. */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class BulkheadTest {
    @TestHTTPResource(value = "/", management = true)
    java.net.URI managementUri;

    private static final String SLOW = "/v1/twitch/profile";
    private static final String TWITCH_OK = "{\"user\":{\"id\":\"12826\",\"login\":\"twitch\",\"displayName\":\"Twitch\","
            + "\"followers\":{\"totalCount\":1000}}}";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    BreakerRegistry breakers;

    @BeforeEach
    void freshUpstreamAndBreakers() {
        wireMock.resetAll();
        breakers.resetAll();
    }

    @Test
    void aSlowPlatformsFullBulkheadShedsLoadWithServiceUnavailableAndCountsTheRejection() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo(SLOW))
                .willReturn(aResponse().withStatus(200).withFixedDelay(6_000).withBody(TWITCH_OK)));
        double rejectionsBefore = rejections();

        List<CompletableFuture<Integer>> inFlight = IntStream.range(0, WireMockUpstream.BULKHEAD_LIMIT)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().queryParam("handle", "twitch" + i)
                        .get("/proxy/twitch/profile").statusCode()))
                .toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> wireMock.getAllServeEvents().size()
                == WireMockUpstream.BULKHEAD_LIMIT);

        given().queryParam("handle", "one-too-many").get("/proxy/twitch/profile")
                .then().statusCode(503)
                .header("Retry-After", "1")
                .body("error.type", equalTo("SERVICE_UNAVAILABLE"));
        assertTrue(inFlight.stream().noneMatch(CompletableFuture::isDone),
                "shed while the slow calls were still in flight, not queued behind them");

        for (CompletableFuture<Integer> f : inFlight) {
            assertEquals(200, f.get(10, TimeUnit.SECONDS));
        }
        wireMock.verify(WireMockUpstream.BULKHEAD_LIMIT, getRequestedFor(urlPathEqualTo(SLOW)));
        assertEquals(rejectionsBefore + 1, rejections());
        given().get("/proxy/status").then().body("platforms.twitch.state", equalTo("closed"));
    }

    private double rejections() {
        String metrics = Management.at(managementUri).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("upstream_bulkhead_rejections_total\\{platform=\"twitch\"} ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(m.find(), "the rejection counter is exported");
        return Double.parseDouble(m.group(1));
    }
}

package dev.socialcrawl.proxy.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.socialcrawl.proxy.Management;
import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Platform;
import dev.socialcrawl.proxy.status.BreakerPublisher;

/** Per-platform breakers: state and exact upstream call counts (window 4, ratio 0.5, delay 1 s in this profile). */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class CircuitBreakerTest {
    @TestHTTPResource(value = "/", management = true)
    java.net.URI managementUri;

    private static final String FAILING = "/v1/reddit/subreddit/details";
    private static final String HEALTHY = "/v1/youtube/channel";
    private static final String PIN = "/v1/pinterest/pin";
    private static final String PIN_URL = "https://www.pinterest.com/pin/1125968654782736/";
    private static final String REDDIT_OK = "{\"kind\":\"t5\",\"data\":{\"name\":\"t5_2qh1i\",\"display_name\":\"AskReddit\","
            + "\"title\":\"Ask Reddit...\",\"subscribers\":45000000,\"created_utc\":1201233135.0}}";
    private static final String YOUTUBE_OK = "{\"id\":\"UCX6OQ3DkcsbYNE6H8uQQuVA\",\"name\":\"MrBeast\","
            + "\"handle\":\"MrBeast\",\"subscriberCount\":300000000}";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    BreakerRegistry breakers;

    @Inject
    BreakerPublisher publisher;

    @Inject
    RedisDataSource redis;

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void freshUpstreamAndBreakers() {
        wireMock.resetAll();
        breakers.resetAll();
    }

    @Test
    void afterTheThresholdPlatformAOpensWithRetryAfterWhilePlatformBStillAnswers() {
        // Pinterest keeps the default 30 s delay in this profile, so "open" cannot turn half-open mid-test.
        wireMock.stubFor(get(urlPathEqualTo(PIN)).willReturn(aResponse().withStatus(500)));
        wireMock.stubFor(get(urlPathEqualTo(HEALTHY)).willReturn(aResponse().withStatus(200).withBody(YOUTUBE_OK)));

        for (int i = 0; i < WireMockUpstream.WINDOW; i++) {
            given().queryParam("url", PIN_URL).get("/proxy/pinterest/pin")
                    .then().statusCode(502).body("error.type", equalTo("UPSTREAM_ERROR"));
        }
        String retryAfter = given().queryParam("url", PIN_URL).get("/proxy/pinterest/pin")
                .then().statusCode(503)
                .body("error.type", equalTo("SERVICE_UNAVAILABLE"))
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 28 && seconds <= 30, "Retry-After is the whole seconds until half-open: " + seconds);

        wireMock.verify(WireMockUpstream.WINDOW, getRequestedFor(urlPathEqualTo(PIN)));
        String metrics = Management.at(managementUri).get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : List.of("{platform=\"pinterest\",state=\"open\"} 1.0",
                "{platform=\"pinterest\",state=\"closed\"} 0.0", "{platform=\"pinterest\",state=\"half_open\"} 0.0",
                "{platform=\"youtube\",state=\"closed\"} 1.0", "{platform=\"youtube\",state=\"open\"} 0.0")) {
            assertTrue(metrics.contains("upstream_circuit_state" + series), series);
        }
        int shown = given().get("/proxy/status").then().statusCode(200)
                .body("platforms.pinterest.state", equalTo("open"))
                .body("platforms.youtube.state", equalTo("closed"))
                .body("platforms.youtube", not(hasKey("retry_after_seconds")))
                .extract().path("platforms.pinterest.retry_after_seconds");
        assertTrue(shown >= 27 && shown <= 30, "status shows " + shown);

        given().queryParam("handle", "MrBeast").get("/proxy/youtube/channel")
                .then().statusCode(200).body("author.username", equalTo("MrBeast"));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(HEALTHY)));
    }

    @Test
    void callsThatRunOutOfTimeCountAgainstTheBreaker() {
        wireMock.stubFor(get(urlPathEqualTo(PIN)).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)
                .withBody("{\"id\":\"1\"}")));
        for (int i = 0; i < WireMockUpstream.WINDOW; i++) {
            given().queryParam("url", PIN_URL).get("/proxy/pinterest/pin")
                    .then().statusCode(502).body("error.message", org.hamcrest.Matchers.containsString(
                            "did not answer within 1000 ms"));
        }
        given().queryParam("url", PIN_URL).get("/proxy/pinterest/pin")
                .then().statusCode(503).body("error.type", equalTo("SERVICE_UNAVAILABLE"));
        wireMock.verify(WireMockUpstream.WINDOW, getRequestedFor(urlPathEqualTo(PIN)));
    }

    @Test
    void afterTheDelayASuccessfulProbeClosesTheBreaker() {
        wireMock.stubFor(get(urlPathEqualTo(FAILING)).willReturn(aResponse().withStatus(502)));
        for (int i = 0; i < WireMockUpstream.WINDOW; i++) {
            given().queryParam("subreddit", "AskReddit").get("/proxy/reddit/subreddit/details")
                    .then().statusCode(502);
        }
        given().queryParam("subreddit", "AskReddit").get("/proxy/reddit/subreddit/details").then().statusCode(503);

        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo(FAILING)).willReturn(aResponse().withStatus(200).withBody(REDDIT_OK)));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                .get("/proxy/status").then().body("platforms.reddit.state", equalTo("half_open")));

        given().queryParam("subreddit", "AskReddit").get("/proxy/reddit/subreddit/details")
                .then().statusCode(200).body("author.username", equalTo("AskReddit"));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(FAILING)));
        given().get("/proxy/status").then().body("platforms.reddit.state", equalTo("closed"));
    }

    @Test
    void notFoundAndEmptyAnswersNeverOpenTheBreaker() {
        wireMock.stubFor(get(urlPathEqualTo(FAILING)).willReturn(aResponse().withStatus(404)));
        wireMock.stubFor(get(urlPathEqualTo(HEALTHY)).willReturn(aResponse().withStatus(200).withBody("{}")));
        for (int i = 0; i < 2 * WireMockUpstream.WINDOW; i++) {
            given().queryParam("subreddit", "AskReddit").get("/proxy/reddit/subreddit/details")
                    .then().statusCode(404).header("X-Upstream-Empty", "false");
            given().queryParam("handle", "nobody").get("/proxy/youtube/channel")
                    .then().statusCode(404).header("X-Upstream-Empty", "true");
        }
        wireMock.verify(2 * WireMockUpstream.WINDOW, getRequestedFor(urlPathEqualTo(FAILING)));
        given().get("/proxy/status").then()
                .body("platforms.reddit.state", equalTo("closed"))
                .body("platforms.youtube.state", equalTo("closed"));
    }

    @Test
    void theBreakerViewIsPublishedToRedisAndAnOpenPlatformShowsOpen() throws Exception {
        publisher.publish().await().atMost(Duration.ofSeconds(5));
        JsonNode published = mapper.readTree(redis.hash(String.class).hget(publisher.key(), publisher.field()));
        assertEquals(given().get("/proxy/status").then().extract().path("replica"), published.get("replica").asText());
        assertTrue(published.get("updated_at").asText().endsWith("Z"));
        for (Platform p : Catalog.loadDefault().platforms()) {
            assertEquals("closed", published.at("/platforms/" + p.name() + "/state").asText(), p.name());
        }
        long ttl = redis.key().ttl(publisher.key());
        assertTrue(ttl > 0 && ttl <= 60, "the hash outlives the last publishing replica by a minute at most: " + ttl);

        wireMock.stubFor(get(urlPathEqualTo(PIN)).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < WireMockUpstream.WINDOW; i++) {
            given().queryParam("url", PIN_URL).get("/proxy/pinterest/pin").then().statusCode(502);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode now = mapper.readTree(redis.hash(String.class).hget(publisher.key(), publisher.field()));
            assertEquals("open", now.at("/platforms/pinterest/state").asText());
            int retry = now.at("/platforms/pinterest/retry_after_seconds").asInt();
            assertTrue(retry >= 25 && retry <= 30, "retry_after_seconds " + retry);
            assertEquals("closed", now.at("/platforms/youtube/state").asText());
        });
    }
}

package dev.socialcrawl.proxy.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Each failed upstream call leaves one log record whose MDC fields say where, what and how long. */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class UpstreamFailureLogTest {
    private static final String REQUEST_ID = "req-failurelog0123456789abcdef";

    /** The fields of one captured record, read while it was being logged. */
    record Fields(String message, Level level, Map<String, String> mdc) {
    }

    /** Keeps the records of the failure log, with their MDC as it was when each was written. */
    static final class Capture extends Handler {
        final List<Fields> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            ExtLogRecord ext = (ExtLogRecord) record;
            Map<String, String> mdc = new java.util.HashMap<>();
            for (String key : List.of("platform", "endpoint", "kind", "duration_ms", "request_id")) {
                String value = ext.getMdc(key);
                if (value != null) {
                    mdc.put(key, value);
                }
            }
            records.add(new Fields(ext.getFormattedMessage(), record.getLevel(), mdc));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    BreakerRegistry breakers;

    private final Logger logger = Logger.getLogger(UpstreamFailureLog.class.getName());
    private final Capture capture = new Capture();

    @BeforeEach
    void captureTheFailureLog() {
        wireMock.resetAll();
        breakers.resetAll();
        logger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(capture);
    }

    @Test
    void aServerErrorIsOneRecordWithPlatformEndpointKindDurationAndRequestId() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/youtube/channel")).willReturn(aResponse().withStatus(503)));
        given().header("X-Request-Id", REQUEST_ID).queryParam("handle", "MrBeast").get("/proxy/youtube/channel")
                .then().statusCode(502);

        await().atMost(Duration.ofSeconds(5)).until(() -> !capture.records.isEmpty());
        assertEquals(1, capture.records.size(), capture.records.toString());
        Fields fields = capture.records.get(0);
        assertEquals(Level.WARNING.intValue(), fields.level().intValue());
        assertEquals("youtube", fields.mdc().get("platform"));
        assertEquals("/v1/youtube/channel", fields.mdc().get("endpoint"));
        assertEquals("server_error", fields.mdc().get("kind"));
        assertTrue(Long.parseLong(fields.mdc().get("duration_ms")) >= 0, fields.toString());
        assertEquals(REQUEST_ID, fields.mdc().get("request_id"));
        assertTrue(fields.message().contains("platform=youtube endpoint=/v1/youtube/channel kind=server_error "
                + "duration_ms="), fields.message());
    }

    @Test
    void everyKindOfFailureIsLoggedWithItsKind() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).willReturn(aResponse().withStatus(200)
                .withBody(UpstreamOutcomesTest.TIKTOK_PROFILE + "<html>")));
        wireMock.stubFor(get(urlPathEqualTo("/v1/linkedin/profile")).willReturn(aResponse().withStatus(200)
                .withBody("<html>captcha</html>")));
        wireMock.stubFor(get(urlPathEqualTo("/v1/facebook/profile")).willReturn(aResponse().withStatus(429)));
        wireMock.stubFor(get(urlPathEqualTo("/v1/threads/profile")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000).withBody("{}")));
        wireMock.stubFor(get(urlPathEqualTo("/v1/google/search")).willReturn(aResponse().withStatus(200)
                .withBody("[\"" + "x".repeat(6 * 1024 * 1024) + "\"]")));

        given().queryParam("handle", "charlidamelio").get("/proxy/tiktok/profile").then().statusCode(502);
        given().queryParam("url", "https://www.linkedin.com/in/x/").get("/proxy/linkedin/profile").then()
                .statusCode(502);
        given().queryParam("url", "https://www.facebook.com/Meta").get("/proxy/facebook/profile").then()
                .statusCode(502);
        given().queryParam("handle", "slowpoke").get("/proxy/threads/profile").then().statusCode(502);
        given().queryParam("query", "cats").get("/proxy/google/search").then().statusCode(502);
        given().queryParam("url", "https://kick.com/x/clips/clip_1").get("/proxy/kick/clip").then().statusCode(502);

        await().atMost(Duration.ofSeconds(5)).until(() -> capture.records.size() >= 6);
        Map<String, String> kinds = new java.util.TreeMap<>();
        capture.records.forEach(r -> kinds.put(r.mdc().get("platform"), r.mdc().get("kind")));
        assertEquals(Map.of("tiktok", "trailing_bytes", "linkedin", "unreadable_body", "facebook", "other_status",
                "threads", "timeout", "google", "too_large", "kick", "connection_failure"), kinds);
        assertEquals(6, capture.records.size(), "one record per failed call");
        long timeout = Long.parseLong(capture.records.stream().filter(r -> "threads".equals(r.mdc().get("platform")))
                .findFirst().orElseThrow().mdc().get("duration_ms"));
        assertTrue(timeout >= 900 && timeout < 3_000, "the timeout took about the 1 s limit: " + timeout);
    }

    @Test
    void aCallRefusedByTheOpenBreakerIsLoggedAsCircuitOpen() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/pinterest/pin")).willReturn(aResponse().withStatus(500)));
        String pin = "https://www.pinterest.com/pin/1125968654782736/";
        for (int i = 0; i < WireMockUpstream.WINDOW; i++) {
            given().queryParam("url", pin).get("/proxy/pinterest/pin").then().statusCode(502);
        }
        given().queryParam("url", pin).get("/proxy/pinterest/pin").then().statusCode(503);

        await().atMost(Duration.ofSeconds(5)).until(() -> capture.records.size() == WireMockUpstream.WINDOW + 1);
        Fields last = capture.records.get(WireMockUpstream.WINDOW);
        assertEquals("circuit_open", last.mdc().get("kind"));
        assertEquals("/v1/pinterest/pin", last.mdc().get("endpoint"));
    }
}

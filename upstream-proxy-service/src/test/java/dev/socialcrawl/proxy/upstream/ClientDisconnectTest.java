package dev.socialcrawl.proxy.upstream;

import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import dev.socialcrawl.proxy.Management;
import dev.socialcrawl.proxy.ProxyCalls;

/**
 * A client that hangs up while its upstream call is in flight changes nothing on the proxy's side: the call runs to
 * its end and the breaker, the bulkhead and the metrics record it exactly as for a client that stayed.
 */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class ClientDisconnectTest {
    @TestHTTPResource(value = "/", management = true)
    java.net.URI managementUri;

    private static final String PLATFORM = WireMockUpstream.HELD_PLATFORMS.get(0);
    private static final String PATH = "/proxy/" + PLATFORM + "/profile?handle=kyliejenner";
    private static final String USABLE = "{\"userProfile\":{\"$case\":\"publicProfileInfo\",\"publicProfileInfo\":"
            + "{\"username\":\"kyliejenner\",\"title\":\"Kylie Jenner\",\"subscriberCount\":\"28400000\"}}}";
    private static final String DOWN = "{\"error\":\"down\"}";

    /** What one round of calls left behind on the proxy. */
    record Trace(String breakerState, double successes, double upstreamErrors, double timed, int inFlight,
            int upstreamCalls) {
    }

    @InjectHeldUpstream
    HeldUpstream held;

    @Inject
    BreakerRegistry breakers;

    @BeforeEach
    void freshBreakers() {
        breakers.resetAll();
    }

    @Test
    void aClientThatHangsUpLeavesExactlyTheTraceOfOneThatStays() throws Exception {
        Trace stayed = round(false);
        breakers.resetAll();
        Trace left = round(true);

        assertEquals(new Trace("open", 1, WireMockUpstream.WINDOW - 1, WireMockUpstream.WINDOW, 0,
                WireMockUpstream.WINDOW), stayed, "one success then failures open the breaker");
        assertEquals(stayed, left);
    }

    /** One success then failures, {@code WINDOW} calls in all, each answered only once the test releases it. */
    private Trace round(boolean hangUp) throws Exception {
        double successes = outcome("success");
        double errors = outcome("upstream_error");
        double timed = timedCalls();
        int arrivedBefore = held.arrived();
        for (int i = 0; i < WireMockUpstream.WINDOW; i++) {
            boolean ok = i == 0;
            held.answer(ok ? 200 : 500, ok ? USABLE : DOWN);
            int arrivals = arrivedBefore + i + 1;
            double recorded = outcome("success") + outcome("upstream_error") + 1;
            if (hangUp) {
                try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n" + ProxyCalls.TOKEN_HEADER + ": "
                            + ProxyCalls.TEST_TOKEN + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    awaitArrivals(arrivals);
                    // The scrape itself is served by the management interface, which this gauge does not count.
                    assertEquals(1, activeRequests(), "this request");
                }
                // Nothing is active any more: the proxy has seen the client go.
                await().atMost(Duration.ofSeconds(10)).until(() -> activeRequests() == 0);
                held.releaseOne();
            } else {
                CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> given().get(PATH).statusCode());
                awaitArrivals(arrivals);
                held.releaseOne();
                assertEquals(ok ? 200 : 502, status.get(10, TimeUnit.SECONDS));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> outcome("success") + outcome("upstream_error") == recorded);
        }
        String state = given().get("/proxy/status").then().statusCode(200).extract()
                .path("platforms." + PLATFORM + ".state");
        return new Trace(state, outcome("success") - successes, outcome("upstream_error") - errors,
                timedCalls() - timed, breakers.guard(PLATFORM).orElseThrow().inFlight(),
                held.arrived() - arrivedBefore);
    }

    private void awaitArrivals(int arrivals) {
        await().atMost(Duration.ofSeconds(10)).until(() -> held.arrived() == arrivals);
    }

    private double outcome(String outcome) {
        return sample("upstream_requests_total\\{outcome=\"" + outcome + "\",platform=\"" + PLATFORM + "\"}");
    }

    private double timedCalls() {
        return sample("upstream_request_duration_seconds_count\\{platform=\"" + PLATFORM + "\"}");
    }

    private double activeRequests() {
        return sample("http_server_active_requests\\{url_scheme=\"http\"}");
    }

    private double sample(String series) {
        String metrics = Management.at(managementUri).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.E+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

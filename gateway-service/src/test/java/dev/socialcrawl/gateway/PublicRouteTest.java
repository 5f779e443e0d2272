package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.gateway.pipeline.CatalogueRoute;
import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.Revocations;
import dev.socialcrawl.gateway.support.Slots;

/**
 * The route that answers plain catalogue requests ahead of the REST layer: hits, misses and their errors in the same
 * bytes, headers and metrics as the REST path's, with the lease the route's script took used once and always given
 * back; requests that are not plain left to the REST path.
 */
@QuarkusTest
class CatalogueRouteTest extends GatewayTest {
    private static final Pattern REQUEST_ID = Pattern.compile("(?i)\r\nX-Request-Id: (\\S+)\r\n");

    @TestHTTPResource("/")
    URI base;

    @Inject
    CatalogueRoute route;

    @Test
    void aHitOnTheRouteIsByteForByteTheHitTheRestPathWrites() throws IOException {
        Account a = account(100);
        String t = token("bytes");
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\",\"bio\":\"caf\u00e9 \\\"q\\\" \\u2603\"}}"));
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200).header("X-Cache", "MISS");

        freshBalance(a);
        long before = route.served();
        String fast = raw("/v1/tiktok/profile?handle=" + t, a.key());
        assertEquals(before + 1, route.served(), "answered by the route");
        // The same params, one letter percent-encoded: the route leaves decoding to the REST path, same entry.
        String viaRest = raw("/v1/tiktok/profile?handle=%" + Integer.toHexString(t.charAt(0)) + t.substring(1),
                a.key());
        assertEquals(before + 1, route.served(), "answered by the REST path");

        assertTrue(fast.startsWith("HTTP/1.1 200 OK\r\n"), fast);
        assertTrue(fast.contains("\r\nX-Cache: HIT\r\n"), fast);
        assertEquals(withoutRequestId(viaRest), withoutRequestId(fast));
    }

    @Test
    void aHitOnTheRouteIsCountedInTheRequestSeriesAndTheHttpServerSeries() throws IOException {
        Account a = account(100);
        String t = token("metrics-hit");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        String hits = "gateway_requests_total{cache=\"hit\",endpoint=\"/v1/tiktok/profile\",platform=\"tiktok\",status=\"200\"}";
        String durations = "gateway_request_duration_seconds_count{platform=\"tiktok\"}";
        String http = "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/{path}\"}";
        // One hit through the REST path first, so the series exist and the http series is known to be the REST one.
        raw("/v1/tiktok/profile?handle=%" + Integer.toHexString(t.charAt(0)) + t.substring(1), a.key());
        freshBalance(a);
        double hitsBefore = metric(hits);
        double durationsBefore = metric(durations);
        double httpBefore = metric(http);
        long served = route.served();

        raw("/v1/tiktok/profile?handle=" + t, a.key());
        raw("/v1/tiktok/profile?handle=" + t, a.key());

        assertEquals(served + 2, route.served());
        assertEquals(hitsBefore + 2, metric(hits));
        assertEquals(durationsBefore + 2, metric(durations));
        // The metrics request itself is counted under its own uri, not this one.
        assertEquals(httpBefore + 2, metric(http));
    }

    @Test
    void aMissKeepsTheLeaseTheRoutesScriptTookAndReleasesIt() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        String t = token("handed-miss");
        CountDownLatch gate = new CountDownLatch(1);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\"}}").heldUntil(gate));

        Thread client = new Thread(() -> as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "MISS"));
        client.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> proxy().callsWith(t).size() == 1);
            assertEquals(1, Slots.held(a.key()), "one lease: the route's script's, not a second one taken by the pipeline");
        } finally {
            gate.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !client.isAlive());
        await().atMost(Duration.ofSeconds(10)).until(() -> Slots.held(a.key()) == 0);
        assertEquals(2, billing().debitsOfAccount(a.id()));
    }

    @Test
    void aMissThatEndsInAnErrorReleasesItsLease() {
        Account a = account(2);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        String failing = token("handed-502");
        proxy().on(failing, Behaviour.error(502, "UPSTREAM_ERROR", java.util.Map.of()));

        checkedId(as(a).get("/v1/tiktok/profile?handle=" + failing)).then().statusCode(502)
                .body("credits_remaining", equalTo(1));
        checkedId(as(a).get("/v1/tiktok/trending?region=" + token("poor"))).then().statusCode(402)
                .body("error.type", equalTo("INSUFFICIENT_CREDITS"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Slots.held(a.key()) == 0);
    }

    @Test
    void aClientThatGoesAwayDuringAMissLeavesNoLeaseBehind() throws Exception {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        String t = token("gone");
        CountDownLatch gate = new CountDownLatch(1);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\"}}").heldUntil(gate));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(request("/v1/tiktok/profile?handle=" + t, a.key()));
            await().atMost(Duration.ofSeconds(30)).until(() -> proxy().callsWith(t).size() == 1);
            assertEquals(1, Slots.held(a.key()));
        } finally {
            gate.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Slots.held(a.key()) == 0);
    }

    @Test
    void aKeyRevokedBehindTheReplicasBackIsRefusedWith401AndNoLease() throws IOException {
        Account a = account(100);
        String url = "/v1/tiktok/profile?handle=" + token("revoked");
        as(a).get(url).then().statusCode(200);
        as(a).get(url).then().statusCode(200).header("X-Cache", "HIT");
        Revocations.markerOnly(a.key());
        long served = route.served();

        checkedId(as(a).get(url)).then().statusCode(401)
                .body("error.type", equalTo("INVALID_API_KEY"))
                .body("$", not(hasKey("credits_remaining")))
                .header("X-Credits-Used", nullValue())
                .header("X-Cache", nullValue());
        assertEquals(served + 1, route.served(), "the route wrote the pipeline's 401");
        assertEquals(0, Slots.held(a.key()));
    }

    @Test
    void invalidParamsAreLeftToTheRestPathAndGetItsEnvelope() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        long served = route.served();

        checkedId(as(a).urlEncodingEnabled(false).get("/v1/tiktok/profile?handle=a&colour=red")).then()
                .statusCode(400)
                .header("X-Credits-Used", "0")
                .header("X-Credits-Remaining", "99")
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("Unknown parameter 'colour' for /v1/tiktok/profile."))
                .body("credits_remaining", equalTo(99));
        checkedId(as(a).urlEncodingEnabled(false).get("/v1/tiktok/profile?handle=a&handle=b")).then()
                .statusCode(400)
                .body("error.message", equalTo("Parameter 'handle' is repeated; send it once."));
        assertEquals(served, route.served());
        assertEquals(0, Slots.held(a.key()));
    }

    @Test
    void aHitWithNoFreshBalanceAsksBillingOnceAndTheNextHitsUseWhatItSaid() {
        Account a = account(100);
        String url = "/v1/tiktok/profile?handle=" + token("no-balance");
        as(a).get(url).then().statusCode(200);
        redis().key().del(balanceKey(a));
        long served = route.served();

        checkedId(as(a).get(url)).then().statusCode(200)
                .header("X-Cache", "HIT")
                .header("X-Credits-Remaining", "99")
                .body("credits_remaining", equalTo(99));
        assertEquals(served + 1, route.served());
        long remembered = Long.parseLong(redis().value(String.class).get(balanceKey(a)));
        assertEquals(99, remembered, "the balance billing told is remembered for the next hits");
        assertEquals(1, billing().currentBalanceReads(a.id()), "one read of the balance alone");
        assertEquals(0, billing().balanceReads(a.id()), "not the balance with its ledger sums");
        freshBalance(a);
        as(a).get(url).then().statusCode(200).header("X-Cache", "HIT");
        assertEquals(served + 2, route.served());
        assertEquals(0, Slots.held(a.key()));
    }

    @Test
    void missesAndTheirErrorsOnTheRouteAreByteForByteWhatTheRestPathWrites() throws IOException {
        Account onRoute = account(100);
        Account onRest = account(100);
        as(onRoute).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        as(onRest).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        Behaviour[] outcomes = {Behaviour.ok("{\"author\":{\"handle\":\"same\",\"bio\":\"caf\u00e9 \\\"q\\\"\"}}"),
            Behaviour.error(404, "RESOURCE_NOT_FOUND", java.util.Map.of("X-Upstream-Empty", "false")),
            Behaviour.error(404, "RESOURCE_NOT_FOUND", java.util.Map.of("X-Upstream-Empty", "true")),
            Behaviour.error(502, "UPSTREAM_ERROR", java.util.Map.of()),
            Behaviour.error(503, "SERVICE_UNAVAILABLE", java.util.Map.of("Retry-After", "7"))};
        for (Behaviour outcome : outcomes) {
            String fastToken = token("m");
            String restToken = token("m");
            proxy().on(fastToken, outcome);
            proxy().on(restToken, outcome);
            long served = route.served();
            String fast = raw("/v1/tiktok/profile?handle=" + fastToken, onRoute.key());
            assertEquals(served + 1, route.served(), "answered by the route");
            String viaRest = raw("/v1/tiktok/profile?handle=%" + Integer.toHexString(restToken.charAt(0))
                    + restToken.substring(1), onRest.key());
            assertEquals(served + 1, route.served(), "answered by the REST path");
            assertEquals(withoutRequestId(viaRest), withoutRequestId(fast));
        }
        assertEquals(billing().balance(onRest.id()), billing().balance(onRoute.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Slots.held(onRoute.key()) == 0);

        Account poorOnRoute = account(1);
        Account poorOnRest = account(1);
        as(poorOnRoute).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        as(poorOnRest).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        String fastToken = token("p");
        String restToken = token("p");
        String fast = raw("/v1/tiktok/profile?handle=" + fastToken, poorOnRoute.key());
        String viaRest = raw("/v1/tiktok/profile?handle=%" + Integer.toHexString(restToken.charAt(0))
                + restToken.substring(1), poorOnRest.key());
        assertTrue(fast.startsWith("HTTP/1.1 402 Payment Required\r\n"), fast);
        assertEquals(withoutRequestId(viaRest), withoutRequestId(fast));
    }

    @Test
    void idempotencyKeysNoCacheAndEncodedParamsStayOnTheRestPath() {
        Account a = account(100);
        String t = token("rest-only");
        String url = "/v1/tiktok/profile?handle=" + t;
        as(a).get(url).then().statusCode(200);
        long served = route.served();

        as(a).header("Idempotency-Key", "fast-hit-route-" + t).get(url).then().statusCode(200)
                .header("X-Cache", "HIT");
        as(a).header("Cache-Control", "no-cache").get(url).then().statusCode(200).header("X-Cache", "MISS");
        as(a).urlEncodingEnabled(false).get("/v1/tiktok/profile?handle=%" + Integer.toHexString(t.charAt(0))
                + t.substring(1)).then().statusCode(200).header("X-Cache", "HIT");
        assertEquals(served, route.served());
        assertEquals(2, billing().debitsOfAccount(a.id()));
    }

    /**
     * The balance as the gateway remembers it, for a minute: on a saturated test machine the 10 s it normally keeps
     * can run out between two requests, and a hit with no known balance is left to the REST path.
     */
    private static void freshBalance(Account a) {
        redis().value(String.class).psetex(balanceKey(a), 60_000, Long.toString(billing().balance(a.id())));
    }

    private static String balanceKey(Account a) {
        return FakeServices.PREFIX + "gw:balance:" + a.id();
    }

    private static RedisDataSource redis() {
        return Arc.container().instance(RedisDataSource.class).get();
    }

    private String raw(String pathAndQuery, String apiKey) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request(pathAndQuery, apiKey));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private byte[] request(String pathAndQuery, String apiKey) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nx-api-key: " + apiKey + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String withoutRequestId(String response) {
        Matcher m = REQUEST_ID.matcher(response);
        assertTrue(m.find(), response);
        return response.replace(m.group(1), "req-ID");
    }

    private static double metric(String series) {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}

package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.Revocations;
import dev.socialcrawl.gateway.support.Slots;

/**
 * The gateway's one front door on the wire: a hit written around the cached bytes, every way of writing the same
 * params finding the same entry, the series it is counted in, one lease per miss always given back, and a client
 * that goes away changing nothing about what its request costs.
 */
@QuarkusTest
class PublicRouteTest extends GatewayTest {
    private static final Pattern REQUEST_ID = Pattern.compile("(?i)\r\nX-Request-Id: (\\S+)\r\n");

    @TestHTTPResource("/")
    URI base;

    @Test
    void aHitIsTheMissEnvelopeAroundTheSameDataWrittenFree() throws IOException {
        Account a = account(100);
        String t = token("bytes");
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\",\"bio\":\"caf\u00e9 \\\"q\\\" \\u2603\"}}"));
        String miss = raw("/v1/tiktok/profile?handle=" + t, a.key());
        freshBalance(a);

        String hit = raw("/v1/tiktok/profile?handle=" + t, a.key());

        assertTrue(hit.startsWith("HTTP/1.1 200 OK\r\n"), hit);
        assertTrue(hit.contains("\r\nContent-Type: application/json\r\n"), hit);
        assertTrue(hit.contains("\r\nX-Cache: HIT\r\n"), hit);
        assertTrue(hit.contains("\r\nX-Credits-Used: 0\r\n"), hit);
        assertTrue(hit.contains("\r\nX-Credits-Remaining: 99\r\n"), hit);
        String expected = body(miss).replace("\"credits_used\":1,", "\"credits_used\":0,")
                .replace(requestId(miss), requestId(hit)).replace("\"cached\":false}", "\"cached\":true}");
        assertEquals(expected, body(hit), "the same envelope and data bytes, free and cached");
        assertEquals(1, proxy().callsWith(t).size());
    }

    @Test
    void everySpellingOfTheSameParamsFindsTheSameEntry() {
        Account a = account(100);
        String t = token("spelling");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200).header("X-Cache", "MISS");
        String encoded = "/v1/tiktok/profile?handle=%" + Integer.toHexString(t.charAt(0)) + t.substring(1);
        as(a).urlEncodingEnabled(false).get(encoded).then().statusCode(200).header("X-Cache", "HIT");
        as(a).urlEncodingEnabled(false).get("/v1/tiktok/pro%66ile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "HIT");
        assertEquals(1, proxy().callsWith(t).size());
        assertEquals(1, billing().debitsOfAccount(a.id()));
    }

    @Test
    void hitsAreCountedInTheRequestSeriesAndEveryPathInOneHttpSeries() throws IOException {
        Account a = account(100);
        String t = token("metrics-hit");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        String hits = "gateway_requests_total{cache=\"hit\",endpoint=\"/v1/tiktok/profile\",platform=\"tiktok\",status=\"200\"}";
        String durations = "gateway_request_duration_seconds_count{platform=\"tiktok\"}";
        String http = "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/{path}\"}";
        freshBalance(a);
        double hitsBefore = metric(hits);
        double durationsBefore = metric(durations);
        double httpBefore = metric(http);

        raw("/v1/tiktok/profile?handle=" + t, a.key());
        raw("/v1/tiktok/profile?handle=" + t, a.key());
        String junk = "/junk-" + token("path");
        given().get(junk).then().statusCode(404);
        given().get("/v1" + junk).then().statusCode(401);

        assertEquals(hitsBefore + 2, metric(hits));
        assertEquals(durationsBefore + 2, metric(durations));
        // The metrics request itself is counted under its own uri, not this one.
        assertEquals(httpBefore + 2, metric(http));
        String exposition = management().get("/q/metrics").asString();
        assertFalse(exposition.contains(junk), "no series is named after a client's path");
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
            socket.getOutputStream().write(request("/v1/tiktok/profile?handle=" + t, a.key(), ""));
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

        checkedId(as(a).get(url)).then().statusCode(401)
                .body("error.type", equalTo("INVALID_API_KEY"))
                .body("$", not(hasKey("credits_remaining")))
                .header("X-Credits-Used", nullValue())
                .header("X-Cache", nullValue());
        assertEquals(0, Slots.held(a.key()));
    }

    @Test
    void invalidParamsGetTheirEnvelopeWithTheBalanceAndTakeNoLease() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);

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
        assertEquals(0, Slots.held(a.key()));
    }

    @Test
    void aHitWithNoFreshBalanceAsksBillingOnceAndTheNextHitsUseWhatItSaid() {
        Account a = account(100);
        String url = "/v1/tiktok/profile?handle=" + token("no-balance");
        as(a).get(url).then().statusCode(200);
        redis().key().del(balanceKey(a));

        checkedId(as(a).get(url)).then().statusCode(200)
                .header("X-Cache", "HIT")
                .header("X-Credits-Remaining", "99")
                .body("credits_remaining", equalTo(99));
        long remembered = Long.parseLong(redis().value(String.class).get(balanceKey(a)));
        assertEquals(99, remembered, "the balance billing told is remembered for the next hits");
        assertEquals(1, billing().currentBalanceReads(a.id()), "one read of the balance alone");
        assertEquals(0, billing().balanceReads(a.id()), "not the balance with its ledger sums");
        freshBalance(a);
        as(a).get(url).then().statusCode(200).header("X-Cache", "HIT");
        assertEquals(1, billing().currentBalanceReads(a.id()));
        assertEquals(0, Slots.held(a.key()));
    }

    @Test
    void aClientThatDisconnectsAfterTheDebitIsServedChargedOnceAndSettledKeyedOrNot() throws Exception {
        Account plain = account(100);
        Account keyed = account(100);
        String plainToken = token("gone-plain");
        String keyedToken = token("gone-keyed");
        String idempotencyKey = "disconnect-" + keyedToken;

        String plainId = disconnectAfterTheDebit(plain, plainToken, null);
        String keyedId = disconnectAfterTheDebit(keyed, keyedToken, idempotencyKey);

        for (String id : List.of(plainId, keyedId)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> billing().settled(id));
            assertEquals(1, billing().debitsWritten(id), "charged once");
            assertEquals(0, billing().refundsWritten(id), "never refunded: it was served");
        }
        assertEquals(99, billing().balance(plain.id()));
        assertEquals(99, billing().balance(keyed.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Slots.held(plain.key()) == 0 && Slots.held(keyed.key()) == 0);
        // Served as if the client had stayed: cached for everyone, and stored for the key's retry.
        as(plain).get("/v1/tiktok/profile?handle=" + plainToken).then().statusCode(200).header("X-Cache", "HIT");
        as(keyed).header("Idempotency-Key", idempotencyKey).get("/v1/tiktok/profile?handle=" + keyedToken).then()
                .statusCode(200)
                .header("X-Idempotent-Replay", "true")
                .header("X-Idempotent-Original-Request-Id", keyedId)
                .header("X-Credits-Used", "0");
        assertEquals(1, proxy().callsWith(plainToken).size());
        assertEquals(1, proxy().callsWith(keyedToken).size());
        assertEquals(1, billing().debitsOfAccount(plain.id()));
        assertEquals(1, billing().debitsOfAccount(keyed.id()));
    }

    /** Sends the request, waits until it is debited and at the proxy, closes the socket, then lets the proxy answer. */
    private String disconnectAfterTheDebit(Account account, String t, String idempotencyKey) throws IOException {
        CountDownLatch gate = new CountDownLatch(1);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\"}}").heldUntil(gate));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            String extra = idempotencyKey == null ? "" : "Idempotency-Key: " + idempotencyKey + "\r\n";
            socket.getOutputStream().write(request("/v1/tiktok/profile?handle=" + t, account.key(), extra));
            await().atMost(Duration.ofSeconds(30)).until(() -> proxy().callsWith(t).size() == 1);
        } finally {
            gate.countDown();
        }
        String id = proxy().callsWith(t).get(0).requestId();
        assertEquals(1, billing().debitsWritten(id), "debited before the proxy was called");
        return id;
    }

    /**
     * The balance as the gateway remembers it, for a minute: on a saturated test machine the 10 s it normally keeps
     * can run out between two requests, and a hit with no known balance asks billing.
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
            out.write(request(pathAndQuery, apiKey, ""));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private byte[] request(String pathAndQuery, String apiKey, String extraHeaders) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nx-api-key: " + apiKey + "\r\n" + extraHeaders + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String requestId(String response) {
        Matcher m = REQUEST_ID.matcher(response);
        assertTrue(m.find(), response);
        return m.group(1);
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

}

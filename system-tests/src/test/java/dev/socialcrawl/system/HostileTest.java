package dev.socialcrawl.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/**
 * Architecture guarantee 9 and docs/api.md#limits, tried as an attacker would against the packaged services: more than
 * 5,000 generated requests — bad keys of every shape, malformed encodings, over-long lines and headers, odd methods,
 * path tricks, control characters, huge and trailing-garbage upstream bodies, keyed free requests in bulk — on both
 * gateways. Every answer must be an envelope with X-Request-Id, no 5xx but refunded upstream outcomes, free requests
 * must keep at most 1 KiB each in Redis, a repeated unknown key must not reach billing again, and every account's
 * balance must equal what it started with minus the X-Credits-Used its answers said.
 */
class HostileTest extends SystemTestBase {
    private static final Pattern REQUEST_ID = Pattern.compile("req-[A-Za-z0-9_-]{20,}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BIG_TITLE = "b".repeat(200_000);

    /** One request to send, what it stands for, and whether a refunded 5xx is an acceptable answer to it. */
    private record Probe(String category, String request, Operator.Account account, boolean refundedFailureOk) {
    }

    private final Map<String, AtomicLong> creditsSeen = new ConcurrentHashMap<>();

    @Test
    void fiveThousandHostileRequestsGetEnvelopesCostNothingFreeAndLeaveTheLedgerExact() throws Exception {
        Operator.Account payer = operator.newAccount();
        operator.credit(payer.id(), 100_000, "topup");
        Operator.Account broke = operator.newAccount();
        Operator.Account revoked = operator.newAccount();
        long payerStart = operator.balance(payer.id());
        suite.upstream.rule("reddit", new FakeUpstream.Rule(200,
                "{\"posts\":[{\"id\":\"big\",\"title\":\"" + BIG_TITLE + "\"}]}", Duration.ZERO));
        suite.upstream.rule("pinterest", new FakeUpstream.Rule(200, "{\"posts\":[{\"id\":\"x\",\"title\":\""
                + "p".repeat(6 * 1024 * 1024) + "\"}]}", Duration.ZERO));
        suite.upstream.rule("youtube", new FakeUpstream.Rule(200,
                "{\"posts\":[{\"id\":\"y\"}]},\"success\":false,\"injected\":true}", Duration.ZERO));
        suite.upstream.rule("google", new FakeUpstream.Rule(200, "{\"posts\":[{\"id\":\"g\"}]}<html>tail</html>",
                Duration.ZERO));

        keyedFreeRequestsKeepAtMostOneKibibyteEach(payer, broke);

        operator.revoke(revoked);
        List<Probe> probes = new ArrayList<>();
        badKeys(probes, revoked);
        malformedEncodings(probes, payer);
        oversized(probes, payer);
        oddMethods(probes, payer);
        pathTricks(probes, payer);
        controlCharacters(probes, payer);
        hostileUpstreamBodies(probes, payer);
        paidAndHits(probes, payer);
        assertTrue(probes.size() >= 4_000, "generated " + probes.size());

        double keyLookupsBefore = billingKeyLookups();
        List<String> failures = send(probes);
        double keyLookups = billingKeyLookups() - keyLookupsBefore;

        assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g. " + failures.subList(0,
                Math.min(5, failures.size())));
        // 20 distinct unknown keys, each repeated 20 times through two gateways: billing hears of each at most once
        // per gateway; the other requests' keys are the three accounts' (cached after their first lookup).
        assertTrue(keyLookups <= 2 * 20 + 10, "billing key lookups for repeated unknown keys: " + keyLookups);
        assertEquals(payerStart - creditsSeen.getOrDefault(payer.key(), new AtomicLong()).get(),
                operator.balance(payer.id()), "the balance is what the answers said it cost");
        assertEquals(operator.balance(broke.id()), 100 - creditsSeen.getOrDefault(broke.key(), new AtomicLong()).get());
        System.out.println("hostile: " + (probes.size() + 1_100) + " requests, 0 bad answers, " + (long) keyLookups
                + " billing key lookups");
    }

    /** 1,000 keyed cache hits on a 200 KB entry, then 100 from an account with no credits left. */
    private void keyedFreeRequestsKeepAtMostOneKibibyteEach(Operator.Account payer, Operator.Account broke) {
        String search = "/v1/reddit/search?query=" + Envelopes.unique();
        Envelopes.success(customer(payer.key()).get(search), 1, false);
        countCredits(payer.key(), 1);
        for (int i = 0; i < 100; i++) {
            Envelopes.success(customer(broke.key()).queryParam("query", Envelopes.unique()).get("/v1/threads/search"),
                    1, false);
        }
        countCredits(broke.key(), 100);
        long before;
        try (RedisAdmin redis = new RedisAdmin()) {
            before = redis.memoryOf(suite.redisPrefix + "*");
        }
        for (int i = 0; i < 1_100; i++) {
            Operator.Account who = i < 1_000 ? payer : broke;
            RestAssured.given().baseUri((i % 2 == 0 ? suite.gatewayA : suite.gatewayB).url())
                    .header("x-api-key", who.key()).header("Idempotency-Key", UUID.randomUUID().toString())
                    .get(search).then().statusCode(200).header("X-Cache", "HIT").header("X-Credits-Used", "0");
        }
        long after;
        try (RedisAdmin redis = new RedisAdmin()) {
            after = redis.memoryOf(suite.redisPrefix + "*");
        }
        long perRequest = (after - before) / 1_100;
        assertTrue(perRequest <= 1024, "each keyed free request kept " + perRequest + " bytes in Redis");
    }

    private void badKeys(List<Probe> probes, Operator.Account revoked) {
        String path = "/v1/reddit/search?query=bad-key";
        for (int i = 0; i < 100; i++) {
            probes.add(new Probe("no key", get(path, null), null, false));
            probes.add(new Probe("empty key", get(path, ""), null, false));
        }
        String[] shapes = { "sc_", "sc_short", "SC_" + "A".repeat(43), "sc_" + "A".repeat(42), "sc_" + "A".repeat(44),
            "sc_" + "A".repeat(42) + "!", "sk_" + "A".repeat(43), "sc_" + "A".repeat(42) + "%", "x".repeat(500),
            "sc_" + "é".repeat(43) };
        for (int i = 0; i < 400; i++) {
            probes.add(new Probe("malformed key", get(path, shapes[i % shapes.length]), null, false));
        }
        for (int k = 0; k < 20; k++) {
            String unknown = randomKey();
            for (int i = 0; i < 20; i++) {
                probes.add(new Probe("unknown key", get(path, unknown), null, false));
            }
        }
        for (int i = 0; i < 200; i++) {
            probes.add(new Probe("revoked key", get(path, revoked.key()), null, false));
        }
    }

    private void malformedEncodings(List<Probe> probes, Operator.Account payer) {
        String[] targets = { "/v1/reddit/search?query=%zz", "/v1/reddit/search?query=abc%", "/v1/reddit/search?query=%G0",
            "/v1/reddit/search?query=%C0%AF", "/v1/reddit/search?query=%E2%28%A1", "/v1/reddit/se%zzarch?query=a",
            "/v1/reddit/search?que%ry=a", "/v1/%/search", "/v1/reddit/search?query=a|b^c`d",
            "/v1/reddit/search?query=\"<script>\"" };
        for (int i = 0; i < 600; i++) {
            probes.add(new Probe("encoding", get(targets[i % targets.length], payer.key()), payer, false));
        }
    }

    private void oversized(List<Probe> probes, Operator.Account payer) {
        for (int i = 0; i < 100; i++) {
            probes.add(new Probe("long line", get("/v1/reddit/search?query=" + "q".repeat(5_000 + i), payer.key()),
                    payer, false));
            probes.add(new Probe("big headers", "GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Pad: " + "h".repeat(25_000)
                    + "\r\nConnection: close\r\n\r\n", null, false));
            StringBuilder many = new StringBuilder("GET /v1/status HTTP/1.1\r\nHost: x\r\n");
            for (int h = 0; h < 400; h++) {
                many.append("X-H").append(h).append(": ").append("v".repeat(60)).append("\r\n");
            }
            probes.add(new Probe("many headers", many.append("Connection: close\r\n\r\n").toString(), null, false));
            probes.add(new Probe("big body", "POST /v1/reddit/search HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n"
                    + "Connection: close\r\n\r\n", null, false));
        }
    }

    private void oddMethods(List<Probe> probes, Operator.Account payer) {
        String[] methods = { "TRACE", "PROPFIND", "BREW", "DELETE", "PUT", "PATCH", "POST", "OPTIONS", "HEAD", "MKCOL" };
        String[] paths = { "/v1/reddit/search?query=m", "/v1/status", "/elsewhere", "/" };
        for (int i = 0; i < 600; i++) {
            String method = methods[i % methods.length];
            String path = paths[(i / methods.length) % paths.length];
            String body = method.equals("POST") || method.equals("PUT") ? "{\"x\":1}" : "";
            probes.add(new Probe("method", method + " " + path + " HTTP/1.1\r\nHost: x\r\nx-api-key: " + payer.key()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body, payer, false));
        }
    }

    private void pathTricks(List<Probe> probes, Operator.Account payer) {
        String[] targets = { "/v1/../q/metrics", "/v1/%2e%2e/q/metrics", "/q/metrics", "/q/health/ready",
            "/V1/reddit/search?query=t", "/v1//reddit/search?query=t", "/v1/reddit/search/?query=t",
            "/v1/reddit/search;x=y?query=t", "//v1/reddit/search?query=t", "/v1/reddit/./search?query=t",
            "/v1/reddit/search%2F..%2F..%2Fq%2Fmetrics", "/admin/accounts", "/internal/keys/abc", "/proxy/status",
            "/v1/credits/balance/../../admin", "/%00", "/v1/reddit/search?query=t&query=u",
            "/v1/reddit/search?query=t&unknown=1", "/v1/reddit/search?format=xml&query=t", "/docs/errors/../../x" };
        for (int i = 0; i < 500; i++) {
            probes.add(new Probe("path", get(targets[i % targets.length], payer.key()), payer, false));
        }
    }

    private void controlCharacters(List<Probe> probes, Operator.Account payer) {
        String[] values = { "%00", "a%01b", "a%7Fb", "a%C2%85b", "a%E2%80%AEb", "a%E2%81%A6b", "a%0Ab", "a%0D%0Ab",
            "%EF%BF%BD" };
        for (int i = 0; i < 400; i++) {
            probes.add(new Probe("control", get("/v1/reddit/search?query=" + values[i % values.length], payer.key()),
                    payer, false));
        }
    }

    private void hostileUpstreamBodies(List<Probe> probes, Operator.Account payer) {
        String[] paths = { "/v1/pinterest/search?query=", "/v1/youtube/search?query=", "/v1/google/search?query=" };
        for (int i = 0; i < 150; i++) {
            probes.add(new Probe("upstream body", get(paths[i % paths.length] + Envelopes.unique(), payer.key()), payer,
                    true));
        }
    }

    private void paidAndHits(List<Probe> probes, Operator.Account payer) {
        for (int i = 0; i < 300; i++) {
            String query = i % 3 == 0 ? "shared-hit" : Envelopes.unique();
            probes.add(new Probe("paid or hit", get("/v1/threads/search?query=" + query, payer.key()), payer, false));
        }
    }

    /** Sends every probe (16 at a time, alternating gateways); what was wrong with each bad answer. */
    private List<String> send(List<Probe> probes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                Probe probe = probes.get(i);
                int port = (i % 2 == 0 ? suite.gatewayA : suite.gatewayB).port();
                results.add(pool.submit(() -> judge(probe, RawHttp.exchange(port, probe.request()))));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> result : results) {
                String failure = result.get(5, TimeUnit.MINUTES);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code null} when the answer is what the contract says any answer must be; else what is wrong with it. */
    private String judge(Probe probe, RawHttp.Answer answer) {
        String where = probe.category() + " → " + answer.status() + " (" + probe.request().lines().findFirst()
                .orElse("") .substring(0, Math.min(80, probe.request().lines().findFirst().orElse("").length())) + ")";
        String id = answer.header("X-Request-Id");
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            return where + ": no X-Request-Id";
        }
        String used = answer.header("X-Credits-Used");
        if (used != null && probe.account() != null) {
            countCredits(probe.account().key(), Long.parseLong(used));
        }
        if (answer.status() >= 500) {
            if (!probe.refundedFailureOk() || !"0".equals(used)) {
                return where + ": a 5xx that is not a refunded upstream outcome";
            }
        }
        if (probe.request().startsWith("HEAD ")) {
            // No body in an answer to HEAD; the status and the id are what there is to check.
            return answer.status() < 500 ? null : where + ": HEAD failed";
        }
        String type = answer.header("Content-Type");
        if (type == null) {
            return where + ": no Content-Type";
        }
        if (type.startsWith("text/html")) {
            return answer.status() < 300 || answer.status() == 404 ? null : where + ": an HTML error";
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (!body.has("success") || !id.equals(body.path("request_id").asText())) {
                return where + ": not an envelope with its request id";
            }
            if (answer.status() >= 400 && !body.path("error").has("doc_url")) {
                return where + ": an error without doc_url";
            }
        } catch (Exception e) {
            return where + ": not JSON";
        }
        if (answer.status() == 405 && !"GET".equals(answer.header("Allow"))) {
            return where + ": 405 without Allow: GET";
        }
        return null;
    }

    private void countCredits(String key, long credits) {
        creditsSeen.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(credits);
    }

    private static String get(String target, String key) {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + (key == null ? "" : "x-api-key: " + key + "\r\n")
                + "Connection: close\r\n\r\n";
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Calls of billing's key lookup route, from its metrics on the management port. */
    private double billingKeyLookups() {
        String metrics = RestAssured.given().baseUri(suite.billing.managementUrl()).get("/q/metrics").asString();
        double total = 0;
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/internal/keys/[^\"]*\"[^}]*\\} "
                + "([0-9.E+-]+)$").matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}

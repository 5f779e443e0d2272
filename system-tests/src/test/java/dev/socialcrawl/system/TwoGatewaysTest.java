package dev.socialcrawl.system;

import static dev.socialcrawl.system.Envelopes.error;
import static dev.socialcrawl.system.Envelopes.success;
import static dev.socialcrawl.system.Envelopes.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/** Guarantees that must hold across gateway replicas sharing one Redis. */
class TwoGatewaysTest extends SystemTestBase {
    private static final String SEARCH = "/v1/reddit/search";

    @Test
    void aKeyedRequestSentToBothGatewaysAtOnceRunsOnceAndIsChargedOnce() throws Exception {
        suite.upstream.rule("reddit", FakeUpstream.Rule.ok().after(Duration.ofMillis(800)));
        Operator.Account acc = operator.newAccount();
        String key = UUID.randomUUID().toString();
        String q = unique();
        List<Response> answers = atOnce(2, i -> customer(suite.gateways().get(i), acc.key())
                .header("Idempotency-Key", key).queryParam("query", q).get(SEARCH));

        assertEquals(1, suite.upstream.calls("reddit"), "exactly one upstream call");
        assertEquals(99, operator.balance(acc.id()), "exactly one debit");
        long replays = answers.stream().filter(r -> "true".equals(r.header("X-Idempotent-Replay"))).count();
        for (Response r : answers) {
            if (r.statusCode() == 200) {
                success(r, "true".equals(r.header("X-Idempotent-Replay")) ? 0 : 1, false);
            } else {
                error(r, 409, "IDEMPOTENCY_KEY_CONFLICT");
            }
        }
        assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 200 && r.header("X-Idempotent-Replay") == null));
        assertTrue(replays <= 1);
    }

    @Test
    void sixtySlowRequestsOverBothGatewaysLetExactlyFiftyIn() throws Exception {
        suite.upstream.rule("reddit", FakeUpstream.Rule.ok().after(Duration.ofMillis(2000)));
        Operator.Account acc = operator.newAccount();
        List<Response> answers = atOnce(60, i -> customer(suite.gateways().get(i % 2), acc.key())
                .queryParam("query", unique()).get(SEARCH));

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
        assertEquals(Map.of(200, 50L, 429, 10L), byStatus);
        for (Response r : answers) {
            if (r.statusCode() == 429) {
                error(r, 429, "CONCURRENCY_LIMIT");
                assertEquals("1", r.header("Retry-After"));
            }
        }
        // the ten 429s prove fifty slots were held at once; upstream never saw more than the limit
        assertTrue(suite.upstream.maxInFlight("reddit") <= 50, "in flight upstream: " + suite.upstream.maxInFlight("reddit"));
        assertEquals(50, operator.balance(acc.id()));
        // every slot was released: another full burst of 50 fits again
        suite.upstream.rule("reddit", FakeUpstream.Rule.ok());
        List<Response> again = atOnce(50, i -> customer(suite.gateways().get(i % 2), acc.key())
                .queryParam("query", unique()).get(SEARCH));
        assertTrue(again.stream().allMatch(r -> r.statusCode() == 200), "slots freed after the burst");
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequestOnBothGateways() {
        Operator.Account acc = operator.newAccount();
        for (ServiceProcess gateway : suite.gateways()) {
            success(customer(gateway, acc.key()).queryParam("query", unique()).get(SEARCH), 1, false);
        }
        operator.revoke(acc);
        for (ServiceProcess gateway : suite.gateways()) {
            error(customer(gateway, acc.key()).queryParam("query", unique()).get(SEARCH), 401, "INVALID_API_KEY");
        }
        assertEquals(98, operator.balance(acc.id()));
    }

    private static List<Response> atOnce(int n, Function<Integer, Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return call.apply(index);
                }, pool));
            }
            go.countDown();
            List<Response> out = new ArrayList<>();
            for (CompletableFuture<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}

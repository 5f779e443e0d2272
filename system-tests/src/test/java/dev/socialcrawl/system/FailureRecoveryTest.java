package dev.socialcrawl.system;

import static dev.socialcrawl.system.Envelopes.error;
import static dev.socialcrawl.system.Envelopes.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/** Money is never lost when billing or a gateway goes away mid-request. */
class FailureRecoveryTest extends SystemTestBase {

    @Test
    void aRefundOwedWhileBillingIsDownArrivesOnceBillingIsBack() {
        suite.upstream.rule("youtube", FakeUpstream.Rule.serverError().after(Duration.ofMillis(2000)));
        Operator.Account acc = operator.newAccount();
        CompletableFuture<Response> pending = CompletableFuture.supplyAsync(
                () -> customer(acc.key()).queryParam("query", unique()).get("/v1/youtube/search"));
        await().atMost(Duration.ofSeconds(10)).until(() -> suite.upstream.calls("youtube") == 1);
        suite.billing.stop();

        Response r = pending.join();
        error(r, 502, "UPSTREAM_ERROR");
        String id = r.jsonPath().getString("request_id");

        suite.billing.start().awaitReady();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> operator.entryTypes(id).equals(List.of("debit", "refund")));
        assertEquals(100, operator.balance(acc.id()));
    }

    @Test
    void aGatewayStoppedWithSigtermFinishesItsInFlightRequestsAndLosesNoSlotRefundOrSettlement() {
        suite.upstream.rule("tiktok", FakeUpstream.Rule.ok().after(Duration.ofMillis(2000)));
        suite.upstream.rule("instagram", FakeUpstream.Rule.serverError().after(Duration.ofMillis(2000)));
        Operator.Account acc = operator.newAccount();
        List<CompletableFuture<Response>> served = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> customer(suite.gatewayA, acc.key())
                        .queryParam("query", unique()).get("/v1/tiktok/search"), POOL))
                .toList();
        List<CompletableFuture<Response>> failing = java.util.stream.IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> customer(suite.gatewayA, acc.key())
                        .queryParam("query", unique()).get("/v1/instagram/search/reels"), POOL))
                .toList();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> suite.upstream.calls("tiktok") == 5 && suite.upstream.calls("instagram") == 2);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(suite.gatewayA::stop);

        served.forEach(f -> Envelopes.success(f.join(), 1, false));
        List<String> refundedIds = failing.stream()
                .map(f -> error(f.join(), 502, "UPSTREAM_ERROR").jsonPath().getString("request_id")).toList();
        stopping.join();
        for (String id : refundedIds) {
            await().atMost(Duration.ofSeconds(30)).until(() -> operator.entryTypes(id).equals(List.of("debit", "refund")));
        }
        assertEquals(95, operator.balance(acc.id()));

        // the seven slots were released: fifty more requests on the other gateway all fit under the limit of 50
        suite.upstream.rule("tiktok", FakeUpstream.Rule.ok().after(Duration.ofMillis(300)));
        List<CompletableFuture<Response>> burst = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> customer(suite.gatewayB, acc.key())
                        .queryParam("query", unique()).get("/v1/tiktok/search"), POOL))
                .toList();
        burst.forEach(f -> assertEquals(200, f.join().statusCode()));
        // settled, not swept: past the sweeper bound the served requests are still charged
        await().pollDelay(Duration.ofSeconds(SystemSuite.SWEEPER_BOUND_S + 3)).atMost(Duration.ofSeconds(40))
                .until(() -> operator.balance(acc.id()) == 45);
    }

    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(50);

    @Test
    void aDebitLeftBehindByAKilledGatewayIsRefundedByTheSweeper() {
        suite.upstream.rule("google", FakeUpstream.Rule.ok().after(Duration.ofMillis(2500)));
        Operator.Account acc = operator.newAccount();
        CompletableFuture.runAsync(() -> {
            try {
                customer(suite.gatewayB, acc.key()).queryParam("query", unique()).get("/v1/google/search");
            } catch (RuntimeException expected) {
                // the gateway dies under this request
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> suite.upstream.calls("google") == 1);
        suite.gatewayB.kill();
        assertEquals(99, operator.balance(acc.id()), "debited before the upstream call");

        String id = given().baseUri(suite.billing.url()).header("Authorization", "Bearer " + SystemSuite.ADMIN_TOKEN)
                .queryParam("type", "debit").get("/ledger/accounts/" + acc.id() + "/entries")
                .then().statusCode(200).extract().jsonPath().getString("items[0].request_id");
        await().atMost(Duration.ofSeconds(SystemSuite.SWEEPER_BOUND_S + 20)).pollInterval(Duration.ofMillis(500))
                .until(() -> operator.entryTypes(id).equals(List.of("debit", "refund")));
        assertEquals(100, operator.balance(acc.id()));
    }
}

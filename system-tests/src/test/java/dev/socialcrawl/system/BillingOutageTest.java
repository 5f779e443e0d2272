package dev.socialcrawl.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * docs/api.md#credits-and-refunds, architecture guarantee 8: billing down for longer than its sweeper bound while
 * served requests' settlements wait in the gateways' outbox. The bound counts only time billing was up to receive
 * them, so when billing is back the outbox delivers them and the sweeper refunds none of these served requests.
 * The gateways are frozen (SIGSTOP) right after serving, so their outbox rounds deterministically wait for the outage.
 */
class BillingOutageTest extends SystemTestBase {

    @Test
    void servedRequestsStayChargedAcrossABillingOutageLongerThanTheSweeperBound() {
        Operator.Account acc = operator.newAccount();
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response r = customer(i % 2 == 0 ? suite.gatewayA : suite.gatewayB, acc.key())
                    .queryParam("query", Envelopes.unique()).get("/v1/reddit/search");
            Envelopes.success(r, 1, false);
            served.add(r.jsonPath().getString("request_id"));
        }
        suite.gatewayA.suspend();
        suite.gatewayB.suspend();
        try {
            suite.billing.stop();
            long outageEnds = System.nanoTime() + Duration.ofSeconds(2L * SystemSuite.SWEEPER_BOUND_S).toNanos();
            await().atMost(Duration.ofSeconds(60)).until(() -> System.nanoTime() >= outageEnds);
            suite.billing.start().awaitReady();
            // Back for less than the bound: a wall-clock sweeper would refund every one of these now.
            served.forEach(id -> assertEquals(List.of("debit"), operator.entryTypes(id), id));
        } finally {
            suite.gatewayA.resume();
            suite.gatewayB.resume();
        }
        // The outbox delivers; then even past the bound of uptime nothing is refunded.
        await().atMost(Duration.ofSeconds(30)).until(() -> served.stream().allMatch(operator::settled));
        await().pollDelay(Duration.ofSeconds(SystemSuite.SWEEPER_BOUND_S + 3)).atMost(Duration.ofSeconds(60))
                .until(() -> served.stream().allMatch(id -> operator.entryTypes(id).equals(List.of("debit"))));
        assertEquals(95, operator.balance(acc.id()));
    }
}

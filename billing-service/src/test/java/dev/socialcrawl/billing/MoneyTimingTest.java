package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.debitBody;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Money exactly once when transactions overlap (docs/api.md#credits-and-refunds). The other party of each race is a
 * transaction the test holds open itself, standing in for another billing replica's debit batch, so every
 * interleaving is chosen, not hoped for. Each test ends on the ledger: the request's entries, the balance, the
 * integrity check.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class MoneyTimingTest {
    private static final String ONE_DEBIT = "SELECT * FROM billing_debit_batch(ARRAY['%s']::varchar[], ARRAY[%d]::bigint[],"
            + " ARRAY[%d]::bigint[], ARRAY['/v1/tiktok/profile']::varchar[], 60000)";

    @Inject
    AgroalDataSource dataSource;

    private ExecutorService callers;

    @BeforeEach
    void startCallers() {
        callers = Executors.newFixedThreadPool(48);
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aRefundThatFindsNoDebitVoidsTheRequestIdSoALaterDebitIsRefused() {
        long account = Api.newAccount();
        String id = rid();
        Api.refund(id).then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"))
                .body("error.message", equalTo("No debit exists for request_id " + id + "; none can be written any more."));

        internal().body(debitBody(id, account, 5)).post("/internal/debits").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("request_id " + id
                        + " was refunded before any debit was written; it can no longer be debited."));
        Api.refund(id).then().statusCode(404);

        assertEquals(List.of(), Api.entryTypes(id));
        assertEquals(100, Api.balance(account));
        Api.assertIntegrityClean();
    }

    @Test
    void aDebitWaitingForTheAccountRowWhenTheGatewayGivesUpAndRefundsIsRefusedOnceTheRowIsFree() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        Future<Response> debit;
        try (Database.OpenTransaction otherReplica = new Database.OpenTransaction(dataSource).lockAccount(account)) {
            debit = callers.submit(() -> internal().body(debitBody(id, account, 5)).post("/internal/debits"));
            Database.awaitWaitingForLock(dataSource, "billing_debit_batch");
            Api.refund(id).then().statusCode(404);
        }
        debit.get().then().statusCode(400).body("error.message", equalTo("request_id " + id
                + " was refunded before any debit was written; it can no longer be debited."));

        assertEquals(List.of(), Api.entryTypes(id));
        assertEquals(100, Api.balance(account));
        Api.assertIntegrityClean();
    }

    @Test
    void aRefundWhileTheDebitsTransactionIsStillOpenWaitsForItAndRefundsIt() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        Future<Response> refund;
        try (Database.OpenTransaction lane = new Database.OpenTransaction(dataSource)) {
            lane.execute(String.format(ONE_DEBIT, id, account, 5));
            refund = callers.submit(() -> Api.refund(id));
            Database.awaitWaitingForLock(dataSource, "billing_refund");
            assertFalse(refund.isDone(), "the refund waits for the debit's transaction");
            lane.commit();
        }
        refund.get().then().statusCode(200)
                .body("amount", equalTo(5))
                .body("balance", equalTo(100))
                .body("replayed", equalTo(false));

        assertEquals(List.of("debit", "refund"), Api.entryTypes(id));
        assertEquals(100, Api.balance(account));
        Api.assertIntegrityClean();
    }

    @Test
    void whileAnotherTransactionHoldsTheAccountADebitTheBalanceCannotCoverIsRefusedAtOnceAndACoverableOneWaits()
            throws Exception {
        long account = Api.accountWith(3);
        String refused = rid();
        String coverable = rid();
        Future<Response> waiting;
        try (Database.OpenTransaction otherReplica = new Database.OpenTransaction(dataSource).lockAccount(account)) {
            long started = System.nanoTime();
            internal().body(debitBody(refused, account, 5)).post("/internal/debits").then().statusCode(402)
                    .body("error.message", equalTo("Your account has 3 credits remaining. This endpoint requires 5 credits."))
                    .body("credits_remaining", equalTo(3));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 1_000, "refused without waiting for the row lock, after " + millis + " ms");

            waiting = callers.submit(() -> internal().body(debitBody(coverable, account, 2)).post("/internal/debits"));
            Database.awaitWaitingForLock(dataSource, "billing_debit_batch");
            assertFalse(waiting.isDone(), "a debit the balance covers waits for the row");
        }
        waiting.get().then().statusCode(200).body("balance", equalTo(1)).body("replayed", equalTo(false));

        assertEquals(List.of(), Api.entryTypes(refused));
        assertEquals(List.of("debit"), Api.entryTypes(coverable));
        assertEquals(1, Api.balance(account));
        Api.assertIntegrityClean();
    }

    /**
     * Two billing replicas hammer one account: this one through HTTP from many threads, the other as batches of
     * debits in transactions of the test's own. Exactly balance / cost debits go through, every other is a 402.
     */
    @Test
    void aBurstOnOneAccountThroughTwoReplicasDebitsExactlyWhatTheBalanceCoversAndRefusesTheRest() throws Exception {
        long account = Api.accountWith(100);
        int cost = 3;
        int viaHttp = 150;
        int otherReplicaBatches = 8;
        int perBatch = 10;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> http = new ArrayList<>();
        for (int i = 0; i < viaHttp; i++) {
            http.add(callers.submit(() -> {
                start.await();
                return internal().body(debitBody(rid(), account, cost)).post("/internal/debits").statusCode();
            }));
        }
        List<Future<List<String>>> other = new ArrayList<>();
        for (int b = 0; b < otherReplicaBatches; b++) {
            other.add(callers.submit(otherReplicaBatch(start, account, cost, perBatch)));
        }
        start.countDown();

        Map<Integer, Long> statuses = new TreeMap<>();
        for (Future<Integer> f : http) {
            statuses.merge(f.get(), 1L, Long::sum);
        }
        Map<String, Long> outcomes = new TreeMap<>();
        for (Future<List<String>> f : other) {
            f.get().forEach(o -> outcomes.merge(o, 1L, Long::sum));
        }
        long debited = statuses.getOrDefault(200, 0L) + outcomes.getOrDefault("debited", 0L);
        assertEquals(100 / cost, debited, "debits: HTTP " + statuses + ", other replica " + outcomes);
        assertEquals(viaHttp, statuses.getOrDefault(200, 0L) + statuses.getOrDefault(402, 0L), "only 200 or 402: " + statuses);
        assertEquals(otherReplicaBatches * perBatch,
                outcomes.getOrDefault("debited", 0L) + outcomes.getOrDefault("insufficient", 0L), "other replica: " + outcomes);
        assertEquals(100 % cost, Api.balance(account));
        assertEquals(100 / cost, Database.count(dataSource,
                "SELECT count(*) FROM ledger_entries WHERE type = 'debit' AND account_id = " + account));
        Api.assertIntegrityClean();
    }

    private Callable<List<String>> otherReplicaBatch(CountDownLatch start, long account, int cost, int size) {
        return () -> {
            start.await();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ids.add(rid());
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT d.outcome FROM billing_debit_batch(?, ?, ?, ?, 60000) d ORDER BY d.idx")) {
                ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                ps.setArray(2, c.createArrayOf("bigint", ids.stream().map(id -> account).toArray()));
                ps.setArray(3, c.createArrayOf("bigint", ids.stream().map(id -> (long) cost).toArray()));
                ps.setArray(4, c.createArrayOf("varchar", ids.stream().map(id -> "/v1/x").toArray()));
                List<String> outcomes = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        outcomes.add(rs.getString(1));
                    }
                }
                return outcomes;
            }
        };
    }
}

package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.debitBody;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A debit billing cannot commit within {@code billing.debit.timeout} (700 ms here) answers 503 at that bound and is
 * never committed afterwards, even once the lock that held it up is gone.
 */
@QuarkusTest
@TestProfile(ShortDebitTimeoutProfile.class)
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class DebitTimeoutTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDebitStuckBehindARowLockAnswers503AtItsBoundAndIsNeverCommittedAfterwards() throws Exception {
        long account = Api.newAccount();
        String late = rid();
        try (Database.OpenTransaction otherReplica = new Database.OpenTransaction(dataSource).lockAccount(account)) {
            long started = System.nanoTime();
            internal().body(debitBody(late, account, 1)).post("/internal/debits").then()
                    .statusCode(503)
                    .body("error.type", equalTo("SERVICE_UNAVAILABLE"))
                    .body("error.message", equalTo("The debit of request_id " + late
                            + " was not committed within 700 ms and never will be."));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 600 && millis < 3_000, "answered at the 700 ms bound, after " + millis + " ms");
        }
        // The lock is gone. The next debit of the account runs in the same lane, after anything the late one left.
        String next = rid();
        internal().body(debitBody(next, account, 3)).post("/internal/debits").then().statusCode(200)
                .body("balance", equalTo(97));

        assertEquals(List.of(), Api.entryTypes(late));
        assertEquals(0, Database.count(dataSource, "SELECT count(*) FROM pending_debits WHERE request_id = '" + late + "'"));
        assertEquals(List.of("debit"), Api.entryTypes(next));
        assertEquals(97, Api.balance(account));
        Api.assertIntegrityClean();
    }

    @Test
    void theDebitsQueuedBehindAStuckOneMeetTheSameBoundAndTheLaneGoesOnAfterwards() throws Exception {
        long locked = Api.newAccount();
        List<String> ids = List.of(rid(), rid(), rid());
        try (Database.OpenTransaction otherReplica = new Database.OpenTransaction(dataSource).lockAccount(locked)) {
            ExecutorService callers = Executors.newFixedThreadPool(ids.size());
            try {
                List<Future<Integer>> calls = new ArrayList<>();
                for (String id : ids) {
                    calls.add(callers.submit(
                            () -> internal().body(debitBody(id, locked, 1)).post("/internal/debits").statusCode()));
                }
                for (Future<Integer> call : calls) {
                    assertEquals(503, call.get());
                }
            } finally {
                callers.shutdownNow();
            }
        }
        long other = Api.newAccount();
        internal().body(debitBody(rid(), other, 2)).post("/internal/debits").then().statusCode(200)
                .body("balance", equalTo(98));
        for (String id : ids) {
            assertEquals(List.of(), Api.entryTypes(id));
        }
        assertEquals(100, Api.balance(locked));
        Api.assertIntegrityClean();
    }
}

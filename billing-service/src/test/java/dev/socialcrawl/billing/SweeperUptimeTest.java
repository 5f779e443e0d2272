package dev.socialcrawl.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.billing.charge.Sweeper;

/**
 * The sweeper bound (5 minutes here) counts billing's uptime only: settlements wait in the gateway's outbox while
 * billing is down. Time is simulated by moving the debit's and the recorded uptime's timestamps back together
 * ({@link #elapse}); sweeper rounds (every 10 s, a gap of over 30 s is an outage) run by hand, the scheduled ones
 * paused. Deterministic.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class SweeperUptimeTest {
    private static final Duration ROUND = Duration.ofSeconds(25);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    @Inject
    Sweeper sweeper;

    @BeforeEach
    void pauseScheduledRounds() {
        scheduler.pause("billing-sweeper");
    }

    @AfterEach
    void resumeScheduledRounds() {
        scheduler.resume("billing-sweeper");
    }

    @Test
    void anOutageLongerThanTheBoundDoesNotCountAndTheDebitIsRefundedOnceBillingWasUpLongEnough() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 7);
        sweeper.sweep();
        rounds(id, 9);
        assertEquals(List.of("debit"), Api.entryTypes(id), "225 s of uptime: within the bound");

        elapse(id, Duration.ofHours(1)); // every replica down for an hour: no round meanwhile
        sweeper.sweep();
        assertEquals(List.of("debit"), Api.entryTypes(id), "the outage does not count");
        rounds(id, 1);
        assertEquals(List.of("debit"), Api.entryTypes(id), "250 s of uptime: within the bound");

        rounds(id, 3);
        assertEquals(List.of("debit", "refund"), Api.entryTypes(id), "325 s of uptime: past the bound");
        assertEquals(100, Api.balance(account));
        Api.assertIntegrityClean();
    }

    @Test
    void aDebitUnsettledForLongerThanTheBoundOfUptimeIsRefundedAndASettledOneIsNot() throws Exception {
        long account = Api.newAccount();
        String abandoned = rid();
        String served = rid();
        Api.debit(abandoned, account, 4);
        Api.debit(served, account, 1);
        Api.internal().body(java.util.Map.of("request_ids", List.of(served))).post("/internal/settlements").then()
                .statusCode(200);
        sweeper.sweep();
        rounds(abandoned, 13);

        assertEquals(List.of("debit", "refund"), Api.entryTypes(abandoned));
        assertEquals(List.of("debit"), Api.entryTypes(served));
        assertEquals(99, Api.balance(account));
        Api.assertIntegrityClean();
    }

    private static String rid() {
        return Api.rid();
    }

    /** {@code n} sweeper rounds, {@link #ROUND} of uptime apart. */
    private void rounds(String requestId, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            elapse(requestId, ROUND);
            sweeper.sweep();
        }
    }

    /** As if {@code d} passed with no sweeper round: the debit's time and every recorded uptime move back by it. */
    private void elapse(String requestId, Duration d) throws Exception {
        String by = "interval '" + d.toMillis() + " milliseconds'";
        Database.execute(dataSource,
                "UPDATE pending_debits SET created_at = created_at - " + by + " WHERE request_id = '" + requestId + "'",
                "UPDATE billing_uptime SET started_at = started_at - " + by + ", ended_at = ended_at - " + by);
    }
}

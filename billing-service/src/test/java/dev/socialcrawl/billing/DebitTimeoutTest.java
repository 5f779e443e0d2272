package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.debitBody;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A debit whose transaction cannot finish answers at its bound; the lane it waited in goes on afterwards. */
@QuarkusTest
@TestProfile(ShortDebitTimeoutProfile.class)
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class DebitTimeoutTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDebitStuckBehindARowLockAnswers500AtItsBoundAndLaterDebitsGoThrough() throws Exception {
        long locked = Api.newAccount();
        long other = Api.newAccount();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT 1 FROM accounts WHERE id = " + locked + " FOR UPDATE");
            long started = System.nanoTime();
            internal().body(debitBody(rid(), locked, 1)).post("/internal/debits").then()
                    .statusCode(500).body("error.type", equalTo("INTERNAL_ERROR"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 600 && millis < 5_000, "answered at the 700 ms bound, after " + millis + " ms");
            c.rollback();
            c.setAutoCommit(true);
        }
        internal().body(debitBody(rid(), other, 3)).post("/internal/debits").then().statusCode(200)
                .body("balance", equalTo(97));
        // The late transaction committed once the lock was gone: the gateway, told 500, asks for its refund.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Api.balance(locked) == 99);
        assertEquals(97, Api.balance(other));
    }
}

package dev.socialcrawl.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.socialcrawl.gateway.billing.BillingOutbox;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;

/** One outbox round drains a backlog of several batches, but stops at the first batch billing did not confirm. */
@QuarkusTest
@TestProfile(OutboxBacklogProfile.class)
class OutboxBacklogTest extends GatewayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BillingOutbox outbox;

    @BeforeEach
    void emptyOutbox() {
        outbox.drain().await().atMost(WAIT);
        assertEquals(0, length(), "what other tests left is delivered first");
    }

    @AfterEach
    void billingIsBack() {
        billing().down(false);
        outbox.drain().await().atMost(WAIT);
    }

    @Test
    void aBacklogOfSeveralBatchesLeavesInOneRound() {
        enqueue(450);
        int before = billing().settlementCalls();
        outbox.drain().await().atMost(WAIT);
        assertEquals(0, length());
        assertEquals(3, billing().settlementCalls() - before, "batches of 200, 200 and 50");
    }

    @Test
    void aRoundStopsAtTheFirstBatchBillingDidNotConfirmAndKeepsEveryEntry() {
        enqueue(450);
        billing().down(true);
        int before = billing().settlementCalls();
        outbox.drain().await().atMost(WAIT);
        assertEquals(450, length());
        assertEquals(1, billing().settlementCalls() - before);
        billing().down(false);
        outbox.drain().await().atMost(WAIT);
        assertEquals(0, length());
    }

    private void enqueue(int n) {
        for (int i = 0; i < n; i++) {
            outbox.enqueueSettlement(token("backlog")).await().atMost(WAIT);
        }
    }

    private static String key() {
        return FakeServices.PREFIX + "gw:billing-stream";
    }

    private static long length() {
        return Arc.container().instance(RedisDataSource.class).get().stream(String.class).xlen(key());
    }
}

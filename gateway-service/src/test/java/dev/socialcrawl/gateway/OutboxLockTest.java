package dev.socialcrawl.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.billing.BillingOutbox;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.SlowRedisRelay;

/**
 * An outbox round whose lock SET was carried out by Redis but answered too late must not leave the lock behind:
 * it would stop every replica's rounds for the lock's 30 s lifetime, long enough for billing's sweeper to refund
 * served requests whose settlements were waiting.
 */
@QuarkusTest
@TestProfile(SlowRedisRepliesProfile.class)
class OutboxLockTest extends GatewayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BillingOutbox outbox;

    @Inject
    RedisKeys keys;

    @AfterEach
    void repliesOnTime() {
        SlowRedisRelay.instance().releaseReplies();
    }

    @Test
    void aRoundWhoseLockAnswerTimedOutLeavesNoLockAndTheNextRoundSettles() {
        // A first round on time, so Redis holds the unlock script and the late round's EVALSHA can run it.
        outbox.drain().await().atMost(WAIT);

        SlowRedisRelay.instance().holdReplies();
        assertThrows(RuntimeException.class, () -> outbox.drain().await().atMost(WAIT));
        SlowRedisRelay.instance().releaseReplies();

        assertNull(lockHolder(), "the late round released the lock it had taken");

        Account a = account(100);
        Response r = as(a).get("/v1/tiktok/profile?handle=" + token("locked"));
        r.then().statusCode(200);
        String id = r.jsonPath().getString("request_id");
        outbox.drain().await().atMost(WAIT);
        assertTrue(billing().settled(id), "the next round took the lock and settled the served request");
        assertEquals(99, billing().balance(a.id()));
    }

    /** The lock's value in Redis (read through the relay, its replies let go again). */
    private String lockHolder() {
        return Arc.container().instance(RedisDataSource.class).get().value(String.class).get(keys.billingOutboxLock());
    }
}

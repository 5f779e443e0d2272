package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.billing.BillingOutbox;
import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.SlowRedisRelay;

/**
 * A served request whose settlement neither Redis nor billing takes at that moment (Redis stalls after the debit,
 * billing is down): the answer is the data, and the settlement waits in the replica until a round can deliver it,
 * so billing's sweeper never refunds a request that was served.
 */
@QuarkusTest
@TestProfile(SlowRedisRepliesProfile.class)
class SettleWithoutRedisTest extends GatewayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BillingOutbox outbox;

    @AfterEach
    void everythingIsBack() {
        SlowRedisRelay.instance().releaseReplies();
        billing().down(false);
    }

    @Test
    void aSettlementNeitherRedisNorBillingTookIsKeptAndDeliveredLater() throws Exception {
        Account a = account(100);
        String t = token("settle-kept");
        CountDownLatch gate = new CountDownLatch(1);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\"}}").heldUntil(gate));
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(
                () -> as(a).get("/v1/tiktok/profile?handle=" + t));
        await().atMost(WAIT).until(() -> proxy().callsWith(t).size() == 1);
        String id = proxy().callsWith(t).get(0).requestId();

        SlowRedisRelay.instance().holdReplies();
        billing().down(true);
        gate.countDown();
        Response r = answer.get(30, TimeUnit.SECONDS);
        r.then().statusCode(200).header("X-Credits-Used", "1");
        assertEquals(0, billing().settlementsReceived(id), "neither Redis nor billing had it");

        SlowRedisRelay.instance().releaseReplies();
        billing().down(false);
        await().atMost(WAIT).until(() -> {
            outbox.drain().await().atMost(WAIT);
            return billing().settled(id);
        });
        assertEquals(1, billing().debitsWritten(id));
        assertEquals(0, billing().refundsWritten(id));
        assertEquals(99, billing().balance(a.id()));
    }
}

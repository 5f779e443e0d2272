package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.RedisStats;
import dev.socialcrawl.gateway.support.Slots;

/**
 * The Redis writes after a charged request that keeps its debit (one round trip): the settlement reaches billing
 * through the outbox, the balance after the debit is remembered for a while, usable data is cached, and the lease
 * is given back on every such exit.
 */
@QuarkusTest
class SettleBatchTest extends GatewayTest {

    @Test
    void aServedMissIsSettledRemembersTheBalanceCachesTheDataAndFreesItsSlot() {
        Account a = account(100);
        String t = token("batch");
        Response r = as(a).get("/v1/tiktok/profile?handle=" + t);
        r.then().statusCode(200).header("X-Cache", "MISS").header("X-Credits-Remaining", "99");
        String id = r.jsonPath().getString("request_id");
        assertEquals(0, Slots.held(a.key()), "the lease was given back");
        String balanceKey = FakeServices.PREFIX + "gw:balance:" + a.id();
        assertEquals("99", redis().value(String.class).get(balanceKey));
        long ttl = redis().key().pttl(balanceKey);
        assertTrue(ttl > 0 && ttl <= 10_000, "the balance is remembered for gateway.cache.balance-ttl: " + ttl);
        await().atMost(Duration.ofSeconds(20)).until(() -> billing().settled(id));
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200).header("X-Cache", "HIT")
                .header("X-Credits-Remaining", "99");
    }

    @Test
    void aChargedNotFoundIsSettledAndFreesItsSlotButIsNotCached() {
        Account a = account(100);
        String t = token("batch404");
        proxy().on(t, Behaviour.error(404, "RESOURCE_NOT_FOUND", Map.of()));
        Response r = as(a).get("/v1/tiktok/profile?handle=" + t);
        r.then().statusCode(404).header("X-Credits-Used", "1");
        String id = r.jsonPath().getString("request_id");
        assertEquals(0, Slots.held(a.key()));
        assertEquals("99", redis().value(String.class).get(FakeServices.PREFIX + "gw:balance:" + a.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> billing().settled(id));
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(404).header("X-Cache", "MISS");
        assertEquals(2, proxy().callsWith(t).size());
    }

    @Test
    void moreMissesInARowThanTheKeyHasSlotsAllGetThrough() {
        Account a = account(1000);
        for (int i = 0; i < 60; i++) {
            as(a).get("/v1/tiktok/profile?handle=" + token("row")).then().statusCode(200);
        }
        for (int i = 0; i < 5; i++) {
            as(a).header("Idempotency-Key", token("idem")).get("/v1/tiktok/profile?handle=" + token("row-idem"))
                    .then().statusCode(200);
            as(a).header("Cache-Control", "no-cache").get("/v1/tiktok/profile?handle=" + token("row-nc"))
                    .then().statusCode(200);
        }
        assertEquals(0, Slots.held(a.key()));
        assertEquals(930, billing().balance(a.id()));
    }

    @Test
    void aPaidMissRunsOnlyItsLeaseAsAScriptTheSettleWritesArePlainCommands() {
        Account a = account(100);
        long scriptsBefore = RedisStats.calls("evalsha") + RedisStats.calls("eval");
        long pushesBefore = RedisStats.calls("xadd");

        for (int i = 0; i < 20; i++) {
            as(a).get("/v1/tiktok/profile?handle=" + token("plain-settle")).then().statusCode(200)
                    .header("X-Cache", "MISS");
        }

        // One script per miss takes its lease; the outbox's round (1 s in tests) may run a few more meanwhile. With the
        // settle writes in a script too it would be 40.
        long scripts = RedisStats.calls("evalsha") + RedisStats.calls("eval") - scriptsBefore;
        assertTrue(scripts >= 20 && scripts < 30, "20 paid misses ran " + scripts + " Lua scripts");
        assertTrue(RedisStats.calls("xadd") - pushesBefore >= 20, "each settle is added to the outbox as a command");
        assertEquals(0, Slots.held(a.key()));
        assertEquals(80, billing().balance(a.id()));
    }

    private static RedisDataSource redis() {
        return Arc.container().instance(RedisDataSource.class).get();
    }
}

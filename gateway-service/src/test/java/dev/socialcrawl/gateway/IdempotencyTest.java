package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;

/** docs/api.md#idempotency: ownership, fingerprint, replay, in-flight duplicates, release after a refunded failure. */
@QuarkusTest
class IdempotencyTest extends GatewayTest {

    @Test
    void aRepeatedKeyedRequestIsReplayedFreeWithTheOriginalData() {
        Account a = account(100);
        String t = token("idem");
        String key = UUID.randomUUID().toString();
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\"}}"));
        Response first = as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t);
        first.then().statusCode(200).body("credits_used", equalTo(1));
        Response replay = as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t);
        checkedId(replay).then().statusCode(200)
                .body("data.author.handle", equalTo(t))
                .body("credits_used", equalTo(0))
                .body("credits_remaining", equalTo(99))
                .body("request_id", not(equalTo(first.jsonPath().getString("request_id"))))
                .header("X-Idempotent-Replay", "true")
                .header("X-Idempotent-Original-Request-Id", first.jsonPath().getString("request_id"))
                .header("X-Credits-Used", "0")
                .header("X-Credits-Remaining", "99");
        assertEquals(1, proxy().callsWith(t).size());
        assertEquals(1, billing().debitsOfAccount(a.id()));
    }

    @Test
    void aCharged404IsReplayedToo() {
        Account a = account(100);
        String t = token("idem404");
        String key = UUID.randomUUID().toString();
        proxy().on(t, Behaviour.error(404, "RESOURCE_NOT_FOUND", Map.of("X-Upstream-Empty", "false")));
        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(404);
        checkedId(as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t)).then()
                .statusCode(404).body("error.type", equalTo("RESOURCE_NOT_FOUND"))
                .body("credits_remaining", equalTo(99))
                .header("X-Idempotent-Replay", "true").header("X-Credits-Used", "0");
        assertEquals(1, proxy().callsWith(t).size());
    }

    @Test
    void anotherAccountUsingTheKeyGets409AndPaysNothing() {
        Account owner = account(100);
        Account other = account(100);
        String t = token("idem409");
        String key = UUID.randomUUID().toString();
        as(owner).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        checkedId(as(other).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t)).then()
                .statusCode(409)
                .body("error.type", equalTo("IDEMPOTENCY_KEY_CONFLICT"))
                .body("error.message", equalTo("The Idempotency-Key is already in use by another account."))
                .body("credits_remaining", equalTo(100));
        assertEquals(0, billing().debitsOfAccount(other.id()));
    }

    @Test
    void theSameKeyWithOtherParamsGets422AndPaysNothing() {
        Account a = account(100);
        String key = UUID.randomUUID().toString();
        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + token("p1")).then().statusCode(200);
        checkedId(as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + token("p2"))).then()
                .statusCode(422)
                .body("error.type", equalTo("IDEMPOTENCY_KEY_PAYLOAD_MISMATCH"))
                .body("credits_remaining", equalTo(99));
        assertEquals(1, billing().debitsOfAccount(a.id()));
    }

    @Test
    void twoIdenticalKeyedRequestsAtOnceReachUpstreamOnceAndAreChargedOnce() {
        Account a = account(100);
        String t = token("race");
        String key = UUID.randomUUID().toString();
        CountDownLatch gate = new CountDownLatch(1);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"x\"}}").heldUntil(gate));
        List<CompletableFuture<Response>> both = List.of(
                CompletableFuture.supplyAsync(() -> as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t)),
                CompletableFuture.supplyAsync(() -> as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t)));
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy().callsWith(t).size() == 1);
        gate.countDown();
        List<Response> answers = both.stream().map(CompletableFuture::join).toList();
        answers.forEach(r -> r.then().statusCode(200));
        assertEquals(1, answers.stream().filter(r -> "true".equals(r.header("X-Idempotent-Replay"))).count(),
                "the duplicate waited and was replayed");
        assertEquals(1, proxy().callsWith(t).size(), "exactly one upstream call");
        assertEquals(1, billing().debitsOfAccount(a.id()), "exactly one debit");
        assertEquals(99, billing().balance(a.id()));
    }

    @Test
    void aDuplicateOfARequestStillRunningAfterTheWaitGets409InProgress() {
        Account a = account(100);
        String t = token("slow");
        String key = UUID.randomUUID().toString();
        CountDownLatch gate = new CountDownLatch(1);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"x\"}}").heldUntil(gate));
        CompletableFuture<Response> original = CompletableFuture.supplyAsync(
                () -> as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t));
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy().callsWith(t).size() == 1);
        checkedId(as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t)).then()
                .statusCode(409)
                .body("error.type", equalTo("IDEMPOTENCY_KEY_CONFLICT"))
                .body("error.message", org.hamcrest.Matchers.containsString("still in progress"));
        gate.countDown();
        original.join().then().statusCode(200);
        assertEquals(1, billing().debitsOfAccount(a.id()));
    }

    @Test
    void aRefundedFailureReleasesTheKeySoTheRetryRunsAfresh() {
        Account a = account(100);
        String t = token("retry");
        String key = UUID.randomUUID().toString();
        proxy().on(t, Behaviour.error(502, "UPSTREAM_ERROR", Map.of()));
        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(502);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"back\"}}"));
        checkedId(as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t)).then()
                .statusCode(200)
                .body("data.author.handle", equalTo("back"))
                .body("credits_used", equalTo(1))
                .header("X-Idempotent-Replay", org.hamcrest.Matchers.nullValue());
        assertEquals(2, proxy().callsWith(t).size());
        assertEquals(99, billing().balance(a.id()));
    }

    @Test
    void aKeyWhoseRequestGot402IsFreeForTheNextRequest() {
        Account a = account(0);
        String t = token("broke");
        String key = UUID.randomUUID().toString();
        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(402);
        Account other = account(10);
        as(other).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
    }
}

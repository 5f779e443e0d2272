package dev.socialcrawl.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.activity.ActivityRows;
import dev.socialcrawl.gateway.activity.ActivityLog;
import dev.socialcrawl.gateway.activity.ActivityRecord;
import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;

/**
 * The activity log's gateway side (docs/api.md#activity-log): every request with a valid key leaves one record with
 * its outcome in the stream billing drains — off the request path — and {@code GET /v1/activity} pages the caller's
 * own log from billing, free.
 */
@QuarkusTest
class ActivityLogTest extends GatewayTest {
    @Inject
    ActivityLog activity;

    @Test
    void everyRequestWithAValidKeyLeavesOneRecordWithItsOutcome() throws Exception {
        Account a = account(2);
        String t = token("activity");
        String miss = as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200).extract().path("request_id");
        String hit = as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200).extract().path("request_id");
        String bad = as(a).get("/v1/tiktok/profile?colour=red").then().statusCode(400).extract().path("request_id");
        String poor = as(a).get("/v1/tiktok/trending?region=" + t).then().statusCode(402).extract().path("request_id");
        String failing = token("activity-502");
        proxy().on(failing, Behaviour.error(502, "UPSTREAM_ERROR", Map.of()));
        String refunded = as(a).get("/v1/tiktok/profile?handle=" + failing).then().statusCode(502).extract()
                .path("request_id");
        String anonymous = io.restassured.RestAssured.given().get("/v1/tiktok/profile?handle=x").then().statusCode(401)
                .extract().path("request_id");
        activity.flush();

        long now = System.currentTimeMillis();
        Map<String, Map<String, String>> records = records();
        Map<String, String> m = records.get(miss);
        assertEquals(String.valueOf(a.id()), m.get("account_id"));
        assertTrue(Long.parseLong(m.get("key_id")) > 0);
        assertEquals(a.key().substring(a.key().length() - 4), m.get("key_last4"));
        assertEquals("GET", m.get("method"));
        assertEquals("/v1/tiktok/profile", m.get("path"));
        assertEquals("handle=" + t, m.get("query"));
        assertEquals("200", m.get("status"));
        assertEquals("1", m.get("credits"));
        assertEquals("f", m.get("cached"));
        assertEquals("f", m.get("replay"));
        assertNull(m.get("error_type"));
        assertTrue(Long.parseLong(m.get("latency_ms")) >= 0);
        assertTrue(Math.abs(now - Long.parseLong(m.get("at"))) < 60_000, "at in epoch milliseconds: " + m.get("at"));
        assertEquals("t", records.get(hit).get("cached"));
        assertEquals("0", records.get(hit).get("credits"));
        assertEquals("INVALID_REQUEST", records.get(bad).get("error_type"));
        assertEquals("colour=red", records.get(bad).get("query"));
        assertEquals("402", records.get(poor).get("status"));
        assertEquals("INSUFFICIENT_CREDITS", records.get(poor).get("error_type"));
        assertEquals("502", records.get(refunded).get("status"));
        assertEquals("0", records.get(refunded).get("credits"), "refunded: nothing charged in the end");
        assertNull(records.get(anonymous), "no valid key, no account, no record");
    }

    @Test
    void theBacklogGaugeFallsToZeroOnceBillingHasTakenTheStream() {
        Account a = account(2);
        as(a).get("/v1/tiktok/profile?handle=" + token("backlog")).then().statusCode(200);
        activity.flush();
        MeterRegistry registry = Arc.container().instance(MeterRegistry.class).get();
        assertTrue(registry.get("gateway.activity.backlog").gauge().value() > 0, "a batch waits in Redis");
        // What billing's XACK and XDEL leave once it has stored every entry, with nothing new queued here.
        Arc.container().instance(RedisDataSource.class).get().key().del(FakeServices.PREFIX + "activity");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.get("gateway.activity.backlog").gauge().value() == 0);
    }

    @Test
    void theActivityRoutePagesTheCallersOwnLogFromBillingFree() {
        Account a = account(100);
        Response r = as(a).get("/v1/activity?status=4xx&endpoint=/v1/tiktok/profile&limit=20&cursor=c1");
        checkedId(r).then().statusCode(200)
                .header("X-Credits-Used", "0")
                .header("Cache-Control", "no-store")
                .body("platform", equalTo("meta"))
                .body("endpoint", equalTo("/v1/activity"))
                .body("data.items[0].request_id", equalTo("req-from-billing-" + a.id()))
                .body("data.next_cursor", equalTo("c2"))
                .body("credits_used", equalTo(0));
        String asked = billing().lastActivityQuery(a.id());
        assertTrue(asked.contains("status=4xx") && asked.contains("limit=20") && asked.contains("cursor=c1")
                && asked.contains("endpoint=%2Fv1%2Ftiktok%2Fprofile"), asked);
        as(a).get("/v1/activity?status=teapot").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("Parameter 'status' must be a status code or a class such as 4xx."));
        as(a).get("/v1/activity?account=7").then().statusCode(400)
                .body("error.message", equalTo("Unknown parameter 'account' for /v1/activity; use from, to, status, "
                        + "endpoint, request_id, cursor, limit."));
        io.restassured.RestAssured.given().get("/v1/activity").then().statusCode(401);
    }

    @Test
    void recordsFromManyThreadsReachTheStreamOnceEachInEntriesOfAtMostTheBatchSize() throws Exception {
        String prefix = "req-many-" + System.nanoTime() + "-";
        int threads = 3;
        int each = 1500; // about 90 KiB of rows a thread: more than one of a thread's 64 KiB arrays
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    activity.record(new ActivityRecord(prefix + thread + "-" + i, 1, 2, "Ab9_", "GET", "/v1/x",
                            "q=\t" + i, 200, null, 0, true, false, 1, System.currentTimeMillis()));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        activity.flush();

        Set<String> ours = new HashSet<>();
        int entriesWithOurs = 0;
        RedisDataSource redis = Arc.container().instance(RedisDataSource.class).get();
        for (StreamMessage<String, String, String> entry : redis.stream(String.class)
                .xrange(FakeServices.PREFIX + "activity", io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))) {
            List<List<String>> rows = ActivityRows.read(entry.payload().get("rows"));
            assertTrue(rows.size() <= 500, "an entry holds one batch at most: " + rows.size());
            long mine = rows.stream().filter(r -> r.get(0).startsWith(prefix)).count();
            entriesWithOurs += mine > 0 ? 1 : 0;
            rows.stream().filter(r -> r.get(0).startsWith(prefix)).forEach(r -> {
                assertTrue(ours.add(r.get(0)), "once: " + r.get(0));
                assertEquals("q=\t" + r.get(0).substring(r.get(0).lastIndexOf('-') + 1), r.get(6));
            });
        }
        assertEquals(threads * each, ours.size());
        assertTrue(entriesWithOurs >= 9, "4,500 records are nine batches at least: " + entriesWithOurs);
    }

    /** The stream's rows (docs/internal-api.md, "Activity stream") by request id, each field under its column's name. */
    private Map<String, Map<String, String>> records() {
        List<String> columns = ActivityRows.FIELDS;
        RedisDataSource redis = Arc.container().instance(RedisDataSource.class).get();
        List<StreamMessage<String, String, String>> entries = redis.stream(String.class)
                .xrange(FakeServices.PREFIX + "activity", io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        Map<String, Map<String, String>> byId = new HashMap<>();
        for (StreamMessage<String, String, String> entry : entries) {
            for (List<String> row : ActivityRows.read(entry.payload().get("rows"))) {
                assertEquals(columns.size(), row.size(), "fields of " + row);
                Map<String, String> named = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    named.put(columns.get(i), row.get(i));
                }
                byId.put(named.get("request_id"), named);
            }
        }
        return byId;
    }
}

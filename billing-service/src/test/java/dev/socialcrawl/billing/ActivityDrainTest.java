package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.ActivityRecords.read;
import static dev.socialcrawl.billing.ActivityRecords.record;
import static dev.socialcrawl.billing.ActivityRecords.with;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.billing.activity.ActivityDrain;
import dev.socialcrawl.billing.activity.ActivityStore;
import dev.socialcrawl.billing.activity.ActivityStream;

/**
 * Billing drains the gateway's activity stream {@code {p}activity} as consumer group {@code billing}: records arrive
 * in the log, leave the stream, are stored once however often their entry is delivered, and entries a dead replica read
 * but never acknowledged are taken over once idle (1 s in tests). Real Redis and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class ActivityDrainTest {

    @Inject
    RedisDataSource redis;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ActivityDrain drain;

    @Inject
    ActivityStore store;

    @ConfigProperty(name = "socialcrawl.redis.key-prefix")
    String prefix;

    @TestHTTPResource(value = "/", management = true)
    URI managementUri;

    private ActivityRecords activity;

    @BeforeEach
    void stream() {
        activity = new ActivityRecords(redis, prefix);
    }

    @AfterEach
    void resumeTheDrain() {
        drain.resume();
    }

    @Test
    void recordsTheGatewayAddsAreStoredWithinSecondsAndLeaveTheStream() {
        double storedBefore = metric("billing_activity_stored_total");
        long account = Api.newAccount();
        String ok = rid();
        String missing = rid();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        activity.add(List.of(record(ok, account, now.minusSeconds(2)),
                with(with(with(record(missing, account, now), "status", 404), "error_type", "RESOURCE_NOT_FOUND"), "credits", 0)));

        await().atMost(Duration.ofSeconds(10)).until(() -> rows(ok) + rows(missing) == 2);
        internal().get("/internal/accounts/" + account + "/activity").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].request_id", equalTo(missing))
                .body("items[0].status", equalTo(404))
                .body("items[0].error_type", equalTo("RESOURCE_NOT_FOUND"))
                .body("items[0].credits", equalTo(0))
                .body("items[0].at", equalTo(now.toString()))
                .body("items[1].request_id", equalTo(ok))
                .body("items[1]", hasKey("error_type"))
                .body("items[1].error_type", nullValue())
                .body("items[1].key_id", equalTo(34))
                .body("items[1].key_last4", equalTo("Ab9_"))
                .body("items[1].method", equalTo("GET"))
                .body("items[1].path", equalTo("/v1/tiktok/profile"))
                .body("items[1].query", equalTo("handle=x"))
                .body("items[1].cached", equalTo(false))
                .body("items[1].replay", equalTo(false))
                .body("items[1].latency_ms", equalTo(12))
                .body("items[1]", not(hasKey("account_id")))
                .body("next_cursor", nullValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> activity.streams().xlen(activity.key()) == 0);
        assertTrue(metric("billing_activity_stored_total") >= storedBefore + 2, "stored counter moved by 2");
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("billing_activity_stream_length") == 0);
    }

    @Test
    void anEntryAReplicaStoredButDiedBeforeAcknowledgingIsStoredOnceWhenTakenOver() {
        drain.pause();
        drain.drain(); // waits for a round still running, so nothing else reads the entry below
        long account = Api.newAccount();
        long other = Api.newAccount();
        String id = rid();
        String otherId = rid();
        Instant now = Instant.now();
        Map<String, Object> mine = record(id, account, now);
        Map<String, Object> theirs = record(otherId, other, now.minusMillis(5));
        String entry = activity.add(List.of(mine, theirs));
        assertEquals(1, activity.streams().xreadgroup(ActivityStream.GROUP, "dead-replica", activity.key(), ">",
                new XReadGroupArgs().count(100)).size());
        // the dead replica stored the entry (a block for each account) and died before acknowledging it
        assertEquals(2, store.store(List.of(new ActivityStore.Entry(entry, List.of(read(mine), read(theirs))))));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            drain.drain();
            return activity.streams().xpending(activity.key(), ActivityStream.GROUP).getPendingCount() == 0;
        });
        assertEquals(0, activity.streams().xlen(activity.key()), "taken over, acknowledged and deleted");
        assertEquals(1, rows(id));
        assertEquals(1, rows(otherId));
    }

    @Test
    void aReadHoldingAnEntryStoredBeforeStoresTheOthersOnce() {
        long account = Api.newAccount();
        String before = rid();
        String fresh = rid();
        Instant now = Instant.now();
        ActivityStore.Entry stored = new ActivityStore.Entry("1-1", List.of(read(record(before, account, now))));
        assertEquals(1, store.store(List.of(stored)));
        assertEquals(1, store.store(List.of(stored,
                new ActivityStore.Entry("1-2", List.of(read(record(fresh, account, now)))))));
        assertEquals(1, rows(before));
        assertEquals(1, rows(fresh));
    }

    @Test
    void entriesInTheJsonFormOfOlderGatewaysAreStoredToo() {
        long account = Api.newAccount();
        String id = rid();
        activity.addJson(List.of(with(record(id, account, Instant.now()), "status", 429)));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(id) == 1);
        internal().get("/internal/accounts/" + account + "/activity").then().statusCode(200)
                .body("items[0].request_id", equalTo(id)).body("items[0].status", equalTo(429));
    }

    @Test
    void aRowWithoutItsFourteenFieldsOrWithAFieldOfTheWrongTypeIsDroppedAlone() {
        double discardedBefore = metric("billing_activity_discarded_total\\{reason=\"malformed\"");
        long account = Api.newAccount();
        String good = rid();
        String badNumber = rid();
        activity.add(List.of(record(good, account, Instant.now()), with(record(badNumber, account, Instant.now()),
                "credits", "12x")));
        activity.streams().xadd(activity.key(), Map.of("rows", "req-only-three-fields\t1\t2\n"));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(good) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> activity.streams().xlen(activity.key()) == 0);
        assertEquals(0, rows(badNumber));
        assertTrue(metric("billing_activity_discarded_total\\{reason=\"malformed\"") >= discardedBefore + 2);
    }

    @Test
    void textWithTabsNewlinesBackslashesNulAndNonAsciiIsStoredAsSent() {
        long account = Api.newAccount();
        String id = rid();
        String query = "q=a\tb\\c\nd&r=\u00e9\u6f22\ud83d\ude00\t\r\\N";
        activity.add(List.of(with(with(with(record(id, account, Instant.now()), "query", query), "path",
                "/v1/x\u0000y"), "error_type", "\\N")));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(id) == 1);
        internal().get("/internal/accounts/" + account + "/activity").then().statusCode(200)
                .body("items[0].query", equalTo(query))
                .body("items[0].path", equalTo("/v1/x\ufffdy"))
                .body("items[0].error_type", equalTo("\\N"));
    }

    @Test
    void entriesPendingOnADeadConsumerAreTakenOverOnceIdleAndStoredOnce() {
        drain.pause();
        drain.drain(); // waits for a round still running, so nothing else reads the entry below
        long account = Api.newAccount();
        String id = rid();
        activity.add(List.of(record(id, account, Instant.now())));
        List<StreamMessage<String, String, String>> read = activity.streams().xreadgroup(ActivityStream.GROUP,
                "dead-replica", activity.key(), ">", new XReadGroupArgs().count(100));
        assertEquals(1, read.size(), "the dead replica read the entry");
        assertEquals(1L, pendingOn("dead-replica"));
        drain.drain();
        assertEquals(0, rows(id), "not idle long enough yet: still the dead replica's");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            drain.drain();
            return rows(id) == 1;
        });
        assertEquals(0, activity.streams().xpending(activity.key(), ActivityStream.GROUP).getPendingCount(),
                "taken over, stored and acknowledged");
        assertEquals(0, activity.streams().xlen(activity.key()), "and deleted from the stream");
    }

    @Test
    void malformedRecordsAreDroppedAndTheRestOfTheirBatchIsStored() {
        double discardedBefore = metric("billing_activity_discarded_total\\{reason=\"malformed\"");
        long account = Api.newAccount();
        String good = rid();
        String noStatus = rid();
        Map<String, Object> broken = new LinkedHashMap<>(record(noStatus, account, Instant.now()));
        broken.remove("status");
        activity.add(List.of(record(good, account, Instant.now()), broken));
        activity.addRaw("not json at all");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(good) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> activity.streams().xlen(activity.key()) == 0);
        assertEquals(0, rows(noStatus));
        assertTrue(metric("billing_activity_discarded_total\\{reason=\"malformed\"") >= discardedBefore + 2);
    }

    private long pendingOn(String consumer) {
        return activity.streams().xpending(activity.key(), ActivityStream.GROUP).getConsumers().getOrDefault(consumer, 0L);
    }

    private long rows(String requestId) {
        try {
            return Database.activityRows(dataSource, requestId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double metric(String namePattern) {
        String metrics = given().baseUri("http://" + managementUri.getHost()).port(managementUri.getPort())
                .get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + namePattern + "[^ ]* ([0-9.Ee+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

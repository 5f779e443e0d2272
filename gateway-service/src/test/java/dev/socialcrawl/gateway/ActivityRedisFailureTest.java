package dev.socialcrawl.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.socialcrawl.gateway.activity.ActivityLog;
import dev.socialcrawl.gateway.activity.ActivityRecord;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.SlowRedisRelay;

/**
 * Redis failing in the middle of an activity flush: the records the flush had taken from the threads' buffers and
 * not yet added are counted as dropped ({@code reason="redis_error"}), never lost without a count; the entries added
 * before the failure stay, and the next flush works again.
 */
@QuarkusTest
@TestProfile(SlowRedisRepliesProfile.class)
class ActivityRedisFailureTest extends GatewayTest {
    private static final String REDIS_ERROR = "gateway_activity_dropped_total{reason=\"redis_error\"}";

    @Inject
    ActivityLog log;

    @Inject
    RedisKeys keys;

    @Inject
    RedisDataSource redis;

    @AfterEach
    void noCutLeft() {
        SlowRedisRelay.instance().noCut();
    }

    @Test
    void recordsTakenByAFlushThatRedisFailsAreCountedAsDropped() {
        log.flush(); // what earlier requests of this profile queued
        long entries = streamLength();
        double dropped = metric(REDIS_ERROR);
        for (int i = 0; i < 1200; i++) { // entries of 500, 500 and 200 rows
            log.record(record("req-redis-failure-" + i));
        }

        SlowRedisRelay.instance().cutAtCommand("XADD", 1);
        assertThrows(RuntimeException.class, log::flush, "the second XADD's connection is cut");
        assertEquals(entries + 1, streamLength(), "the first entry was added before the cut");
        assertEquals(700, metric(REDIS_ERROR) - dropped, 0.0, "the other 700 records taken are counted");

        log.record(record("req-redis-failure-after"));
        log.flush();
        assertEquals(entries + 2, streamLength(), "the next flush adds again");
        assertEquals(700, metric(REDIS_ERROR) - dropped, 0.0, "and counts nothing more");
    }

    private long streamLength() {
        return redis.stream(String.class).xlen(keys.activity());
    }

    private static ActivityRecord record(String requestId) {
        return new ActivityRecord(requestId, 1, 2, "abcd", "GET", "/v1/tiktok/profile", "handle=x", 200, null, 1,
                true, false, 1, System.currentTimeMillis());
    }
}

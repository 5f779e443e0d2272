package dev.socialcrawl.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.socialcrawl.gateway.support.GatewayTest;

/** The activity queue of a replica is bounded: what does not fit is dropped and counted, the request unaffected. */
@QuarkusTest
@TestProfile(OutboxBacklogProfile.class)
class ActivityBoundTest extends GatewayTest {

    @Test
    void recordsBeyondTheBoundAreDroppedAndCountedWhileRequestsGoOn() {
        Account a = account(100);
        String dropped = "gateway_activity_dropped_total{reason=\"queue_full\"}";
        double before = metric(dropped);
        String t = token("bounded");
        for (int i = 0; i < 20; i++) {
            as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        }
        // Nothing flushes in this profile: the queue (5) was full after at most 5 of these.
        assertEquals(15, metric(dropped) - before, 0.0, "20 records, 5 kept at most");
    }
}

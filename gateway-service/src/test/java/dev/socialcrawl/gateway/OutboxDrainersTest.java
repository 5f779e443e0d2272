package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.billing.BillingOutbox;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.config.ReplicaName;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;

/**
 * Two gateway replicas draining the billing outbox at the same moment (this one's and a second, real drainer with
 * its own consumer name): every entry reaches billing, none is dropped, and the entries a replica took and could not
 * deliver wait for it, then for another replica once they sat idle past {@code gateway.outbox.claim-after}.
 */
@QuarkusTest
@TestProfile(OutboxBacklogProfile.class)
class OutboxDrainersTest extends GatewayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BillingOutbox outbox;
    @Inject
    RedisClient redis;
    @Inject
    RedisKeys keys;
    @Inject
    BillingClient billingClient;
    @Inject
    GatewayConfig config;
    @Inject
    GatewayMetrics metrics;
    @Inject
    ObjectMapper mapper;

    private BillingOutbox otherReplica;

    @BeforeEach
    void secondReplica() {
        otherReplica = new BillingOutbox(redis, keys, billingClient, config, metrics, mapper, new ReplicaName(config));
        outbox.drain().await().atMost(WAIT);
    }

    @AfterEach
    void billingIsBack() {
        billing().down(false);
    }

    @Test
    void twoReplicasDrainingAtOnceDeliverEveryEntryAndDropNone() {
        List<String> ids = enqueue(450);

        for (int round = 0; round < 10 && length() > 0; round++) {
            Uni.combine().all().unis(outbox.drain(), otherReplica.drain()).discardItems().await().atMost(WAIT);
        }

        assertEquals(0, length(), "everything delivered and deleted");
        for (String id : ids) {
            assertEquals(1, billing().settlementsReceived(id), "delivered once: " + id);
        }
    }

    @Test
    void entriesAReplicaTookAndCouldNotDeliverAreTakenOverOnlyAfterTheyWereIdle() {
        List<String> ids = enqueue(10);
        billing().down(true);
        outbox.drain().await().atMost(WAIT);
        assertEquals(10, length(), "nothing confirmed, nothing removed");

        billing().down(false);
        otherReplica.drain().await().atMost(WAIT);
        assertEquals(10, length(), "still this replica's: not idle long enough to be taken over");
        ids.forEach(id -> assertEquals(0, billing().settlementsReceived(id)));

        await().atMost(WAIT).until(() -> {
            otherReplica.drain().await().atMost(WAIT);
            return length() == 0;
        });
        ids.forEach(id -> assertEquals(1, billing().settlementsReceived(id), "taken over and delivered once"));
    }

    private List<String> enqueue(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = token("drainers");
            ids.add(id);
            outbox.enqueueSettlement(id).await().atMost(WAIT);
        }
        return ids;
    }

    private static long length() {
        return Arc.container().instance(RedisDataSource.class).get().stream(String.class)
                .xlen(FakeServices.PREFIX + "gw:billing-stream");
    }
}

package dev.socialcrawl.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * No scheduled outbox rounds (one at start-up could take a batch mid-test): the test drives every round itself; an
 * unconfirmed entry may be taken over after 2 s; at most 5 activity records wait in the replica (never flushed here).
 */
public class OutboxBacklogProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.outbox.interval", "1h", "quarkus.scheduler.enabled", "false",
                "gateway.activity.flush-interval", "1h",
                "gateway.outbox.claim-after", "2s", "gateway.activity.max-in-process", "5");
    }
}

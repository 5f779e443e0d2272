package dev.socialcrawl.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The scheduled outbox round runs once at start-up only, so a test drives the rounds itself. */
public class OutboxBacklogProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.outbox.interval", "1h");
    }
}

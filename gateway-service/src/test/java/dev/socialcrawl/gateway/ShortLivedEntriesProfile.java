package dev.socialcrawl.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Idempotency keys and Author cache entries that live two seconds, so expiry is testable. */
public class ShortLivedEntriesProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.idempotency.ttl", "2s", "gateway.cache.ttl.author", "2s");
    }
}

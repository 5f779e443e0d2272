package dev.socialcrawl.billing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A debit waits at most 700 ms for its transaction. */
public class ShortDebitTimeoutProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("billing.debit.timeout", "700ms");
    }
}

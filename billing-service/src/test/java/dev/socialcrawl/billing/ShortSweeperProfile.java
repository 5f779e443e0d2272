package dev.socialcrawl.billing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Shrinks the unsettled bound and the sweeper interval so the sweeper test takes seconds, not minutes; it also
 * runs debits with asynchronous commit, so that path is exercised without one more application restart.
 */
public class ShortSweeperProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("billing.sweeper.unsettled-after", "1s", "billing.sweeper.interval", "1s",
                "billing.debit.async-commit", "true");
    }
}

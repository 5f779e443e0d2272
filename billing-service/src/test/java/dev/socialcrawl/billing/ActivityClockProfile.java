package dev.socialcrawl.billing;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The activity partitions on a clock the test moves ({@link SettableClock}), with a 3-day retention and 2 days ahead. */
public class ActivityClockProfile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(SettableClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("billing.activity.retention", "3d", "billing.activity.partitions-ahead", "2");
    }
}

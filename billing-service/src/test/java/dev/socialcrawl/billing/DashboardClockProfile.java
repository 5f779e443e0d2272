package dev.socialcrawl.billing;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The dashboard's sessions and sign-in limits on a clock the test moves ({@link SettableClock}): sessions idle for
 * 30 minutes or older than 2 hours end, and 3 failures per user or 5 per address in 15 minutes refuse further sign-ins.
 */
public class DashboardClockProfile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(SettableClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("billing.dashboard.session.idle-timeout", "30m", "billing.dashboard.session.max-age", "2h",
                "billing.dashboard.sign-in.window", "15m", "billing.dashboard.sign-in.max-failures-per-user", "3",
                "billing.dashboard.sign-in.max-failures-per-address", "5");
    }
}

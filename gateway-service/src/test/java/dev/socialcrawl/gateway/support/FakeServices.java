package dev.socialcrawl.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake billing and proxy (real HTTP servers on dynamic ports) once per test JVM and points the
 * gateway at them, with a Redis key prefix of its own for this test run.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {
    public static final String PREFIX = "test-" + UUID.randomUUID() + ":";
    private static FakeBilling billing;
    private static FakeProxy proxy;

    public static synchronized FakeBilling billing() {
        ensureStarted();
        return billing;
    }

    public static synchronized FakeProxy proxy() {
        ensureStarted();
        return proxy;
    }

    private static synchronized void ensureStarted() {
        if (billing == null) {
            try {
                billing = new FakeBilling();
                proxy = new FakeProxy();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public Map<String, String> start() {
        ensureStarted();
        return Map.of(
                "quarkus.rest-client.billing.url", billing.url(),
                "quarkus.rest-client.proxy.url", proxy.url(),
                "socialcrawl.redis.key-prefix", PREFIX,
                "billing.internal-token", FakeBilling.TOKEN);
    }

    @Override
    public void stop() {
        // The fake servers live for the whole JVM (test profiles restart Quarkus and reuse them); the run's keys go.
        RedisCleanup.dropPrefix("127.0.0.1", 6379, PREFIX);
    }
}

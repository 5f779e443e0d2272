package dev.socialcrawl.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.socialcrawl.gateway.support.SlowRedisRelay;

/**
 * The gateway talks to Redis through {@link SlowRedisRelay}, with a short bound on each command, and no scheduled
 * outbox rounds: the test drives every round itself.
 */
public class SlowRedisRepliesProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + SlowRedisRelay.instance().port(),
                "gateway.redis-timeout", "500ms",
                "gateway.outbox.interval", "1h",
                "quarkus.scheduler.enabled", "false",
                "gateway.activity.flush-interval", "1h");
    }
}

package dev.socialcrawl.gateway.support;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;

import dev.socialcrawl.gateway.redis.Hashing;

/** Revokes a key the way billing does: its own record, then the Redis marker, then the announcement. */
public final class Revocations {
    private Revocations() {
    }

    public static void revoke(String key) {
        String hash = Hashing.sha256Hex(key);
        FakeServices.billing().markRevoked(key);
        RedisDataSource redis = Arc.container().instance(RedisDataSource.class).get();
        redis.value(String.class).set(FakeServices.PREFIX + "revoked-key:" + hash, "1");
        redis.pubsub(String.class).publish(FakeServices.PREFIX + "key-revocations", hash);
    }

    /**
     * Only the Redis marker, no announcement: this replica still holds the key in its in-process cache, as it does
     * when the announcement is late or lost, so only the marker check can refuse it.
     */
    public static void markerOnly(String key) {
        FakeServices.billing().markRevoked(key);
        RedisDataSource redis = Arc.container().instance(RedisDataSource.class).get();
        redis.value(String.class).set(FakeServices.PREFIX + "revoked-key:" + Hashing.sha256Hex(key), "1");
    }
}

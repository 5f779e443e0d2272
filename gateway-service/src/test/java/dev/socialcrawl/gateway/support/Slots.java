package dev.socialcrawl.gateway.support;

import java.util.UUID;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;

import dev.socialcrawl.gateway.redis.Hashing;

/** The concurrency leases of an API key in Redis (docs/api.md#concurrency-limit), as the tests see and fake them. */
public final class Slots {
    private Slots() {
    }

    /** Leases of requests that are not really there, as if other replicas were serving them. */
    public static void takeByOthers(String apiKey, int count) {
        add(apiKey, count, System.currentTimeMillis() + 60_000);
    }

    /** Leases whose time is up, as a replica that died leaves them. */
    public static void leftByADeadReplica(String apiKey, int count) {
        add(apiKey, count, System.currentTimeMillis() - 60_000);
    }

    /** Leases in the key's set, stale ones included. */
    public static long held(String apiKey) {
        return leases().zcard(redisKey(apiKey));
    }

    private static void add(String apiKey, int count, long expiresAtMs) {
        for (int i = 0; i < count; i++) {
            leases().zadd(redisKey(apiKey), expiresAtMs, "req-fake-" + UUID.randomUUID());
        }
    }

    private static SortedSetCommands<String, String> leases() {
        return Arc.container().instance(RedisDataSource.class).get().sortedSet(String.class);
    }

    private static String redisKey(String apiKey) {
        return FakeServices.PREFIX + "gw:conc:" + Hashing.sha256Hex(apiKey);
    }
}

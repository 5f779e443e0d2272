package dev.socialcrawl.gateway.support;

import java.nio.charset.StandardCharsets;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;

/** The gateway's cached answers in the test's Redis, for tests that need an entry older than it really is. */
public final class CacheEntries {
    private CacheEntries() {
    }

    /**
     * Rewrites the one cache entry whose data contains {@code token} as fetched {@code ageSeconds} ago, kept in Redis
     * for another hour (so an entry past its freshness can still be served stale).
     */
    public static void backdate(String token, long ageSeconds) {
        RedisDataSource redis = Arc.container().instance(RedisDataSource.class).get();
        for (String key : redis.key().keys(FakeServices.PREFIX + "gw:cache:*")) {
            byte[] value = redis.value(byte[].class).get(key);
            String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
            if (text.contains(token)) {
                long fetchedAt = System.currentTimeMillis() - ageSeconds * 1000;
                redis.value(byte[].class).psetex(key, 3_600_000,
                        (fetchedAt + text.substring(text.indexOf('\n'))).getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        throw new AssertionError("no cache entry for " + token);
    }
}

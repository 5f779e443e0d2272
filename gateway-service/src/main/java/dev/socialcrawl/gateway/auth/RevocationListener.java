package dev.socialcrawl.gateway.auth;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;

import dev.socialcrawl.gateway.redis.RedisKeys;

/**
 * Evicts revoked keys from this replica's key cache as billing announces them. The marker check in
 * {@link KeyAuthenticator} already refuses them; eviction keeps the cache from holding dead entries.
 */
@Singleton
public class RevocationListener {
    private static final Logger LOG = Logger.getLogger(RevocationListener.class);

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final KeyCache cache;

    public RevocationListener(ReactiveRedisDataSource redis, RedisKeys keys, KeyCache cache) {
        this.redis = redis;
        this.keys = keys;
        this.cache = cache;
    }

    void subscribe(@Observes StartupEvent event) {
        redis.pubsub(String.class).subscribe(keys.revocationChannel(), cache::evict)
                .subscribe().with(
                        subscriber -> LOG.debugf("Listening for key revocations on %s", keys.revocationChannel()),
                        failure -> LOG.warnf("Cannot listen for key revocations (the Redis marker still refuses "
                                + "revoked keys): %s", String.valueOf(failure)));
    }
}

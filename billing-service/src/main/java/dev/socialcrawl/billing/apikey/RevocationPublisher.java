package dev.socialcrawl.billing.apikey;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.value.ValueCommands;

/** Tells every gateway replica that a key hash is revoked (docs/internal-api.md, "Shared Redis names"). */
@ApplicationScoped
public class RevocationPublisher {
    private final ValueCommands<String, String> values;
    private final PubSubCommands<String> pubsub;
    private final String prefix;

    public RevocationPublisher(RedisDataSource redis, @ConfigProperty(name = "socialcrawl.redis.key-prefix") String prefix) {
        this.values = redis.value(String.class);
        this.pubsub = redis.pubsub(String.class);
        this.prefix = prefix;
    }

    /** The marker first: a gateway that misses the message still finds it before serving a cached key. */
    public void publish(String keyHash) {
        values.set(markerKey(keyHash), "1");
        pubsub.publish(channel(), keyHash);
    }

    public String markerKey(String keyHash) {
        return prefix + "revoked-key:" + keyHash;
    }

    public String channel() {
        return prefix + "key-revocations";
    }
}

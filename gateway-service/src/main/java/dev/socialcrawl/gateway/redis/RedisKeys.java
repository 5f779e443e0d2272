package dev.socialcrawl.gateway.redis;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every Redis name the gateway reads or writes (docs/internal-api.md "Shared Redis names"). Each family's names are
 * used only by its owner (gateway-service/README.md, "Who owns which Redis keys").
 */
@Singleton
public class RedisKeys {
    private final String prefix;

    public RedisKeys(@ConfigProperty(name = "socialcrawl.redis.key-prefix", defaultValue = "sc:") String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String revokedKey(String keyHash) {
        return prefix + "revoked-key:" + keyHash;
    }

    public String revocationChannel() {
        return prefix + "key-revocations";
    }

    /** The hash every proxy replica publishes its breaker view into (a field per replica). */
    public String proxyBreakers() {
        return prefix + "proxy-breakers";
    }

    public String concurrency(String keyHash) {
        return prefix + "gw:conc:" + keyHash;
    }

    public String idempotency(String idempotencyKeyHash) {
        return prefix + "gw:idem:" + idempotencyKeyHash;
    }

    public String cache(String cacheKeyHash) {
        return prefix + "gw:cache:" + cacheKeyHash;
    }

    public String balance(long accountId) {
        return prefix + "gw:balance:" + accountId;
    }

    /** The list the outbox used before its stream; read only to move what an older gateway left there. */
    public String billingOutbox() {
        return prefix + "gw:billing-outbox";
    }

    /** The activity stream: the gateway adds batches of records, billing drains them (group {@code billing}). */
    public String activity() {
        return prefix + "activity";
    }

    public String billingOutboxStream() {
        return prefix + "gw:billing-stream";
    }
}

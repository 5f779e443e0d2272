package dev.socialcrawl.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import dev.socialcrawl.gateway.billing.BillingDtos.KeyInfo;
import dev.socialcrawl.gateway.config.GatewayConfig;

/**
 * Verified keys of this replica, kept briefly; only keys billing called active are ever kept. Beside them, the hashes
 * billing refused (unknown, revoked or expired: none of these can become usable again, and nobody can create a key
 * whose hash someone already tried), so repeating a refused key costs billing nothing (architecture guarantee 9).
 */
@Singleton
public class KeyCache {
    private record Entry(KeyInfo info, Instant fetchedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Instant> refused = new ConcurrentHashMap<>();
    private final GatewayConfig config;
    private final Clock clock;

    public KeyCache(GatewayConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    public Optional<KeyInfo> get(String keyHash) {
        Entry e = entries.get(keyHash);
        if (e == null) {
            return Optional.empty();
        }
        if (e.fetchedAt().plus(config.keys().cacheTtl()).isBefore(clock.instant())) {
            entries.remove(keyHash, e);
            return Optional.empty();
        }
        return Optional.of(e.info());
    }

    public void put(String keyHash, KeyInfo info) {
        if (entries.size() >= config.keys().cacheMaxSize()) {
            // Crude but bounded: a full cache starts over rather than growing without limit.
            entries.clear();
        }
        entries.put(keyHash, new Entry(info, clock.instant()));
    }

    /** Whether billing refused this hash recently. */
    public boolean refused(String keyHash) {
        Instant until = refused.get(keyHash);
        if (until == null) {
            return false;
        }
        if (until.isBefore(clock.instant())) {
            refused.remove(keyHash, until);
            return false;
        }
        return true;
    }

    public void refuse(String keyHash) {
        if (refused.size() >= config.keys().refusedCacheMaxSize()) {
            // Bounded the same way: a flood of distinct made-up keys cannot grow this map.
            refused.clear();
        }
        refused.put(keyHash, clock.instant().plus(config.keys().refusedCacheTtl()));
    }

    public void evict(String keyHash) {
        entries.remove(keyHash);
    }

    public Instant now() {
        return clock.instant();
    }
}

package dev.socialcrawl.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import dev.socialcrawl.gateway.billing.BillingDtos.KeyInfo;
import dev.socialcrawl.gateway.config.GatewayConfig;

/** Verified keys of this replica, kept briefly; only keys billing called active are ever kept. */
@Singleton
public class KeyCache {
    private record Entry(KeyInfo info, Instant fetchedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
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

    public void evict(String keyHash) {
        entries.remove(keyHash);
    }

    public Instant now() {
        return clock.instant();
    }
}

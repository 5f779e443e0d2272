package dev.socialcrawl.gateway.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.billing.BillingDtos.KeyInfo;
import dev.socialcrawl.gateway.redis.Hashing;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.wire.GatewayException;

/**
 * Step 3 of docs/api.md#order-of-checks. A key verified by billing is trusted in-process for a short while, but a
 * request served from that cache still checks the revocation marker in Redis, so a revoke is seen by every replica on
 * the very next request: {@link #checkMarker}, or the catalogue's one round trip, which reads the marker together
 * with the request's other Redis state.
 */
@Singleton
public class KeyAuthenticator {
    static final String KEY_PREFIX = "sc_";
    static final int KEY_LENGTH = KEY_PREFIX.length() + 43;
    public static final String MISSING_MESSAGE = "Missing API key. Send your key in the x-api-key header.";
    public static final String INVALID_MESSAGE = "Invalid API key. The key is malformed, unknown, revoked or expired.";

    private final Map<String, Uni<Optional<KeyInfo>>> inFlight = new ConcurrentHashMap<>();
    private final KeyCache cache;
    private final BillingClient billing;
    private final RedisClient redis;
    private final RevocationMarkers markers;

    public KeyAuthenticator(KeyCache cache, BillingClient billing, RedisClient redis, RevocationMarkers markers) {
        this.cache = cache;
        this.billing = billing;
        this.redis = redis;
        this.markers = markers;
    }

    /**
     * Step 3 as far as it goes without I/O: a missing, malformed or (by the cached record) expired key fails here
     * with its 401. A key this replica verified recently comes back, its revocation marker still unchecked; empty
     * means billing has to be asked ({@link #fromBilling}).
     */
    public Optional<AuthenticatedKey> fromCache(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_API_KEY, MISSING_MESSAGE);
        }
        if (!wellFormed(presentedKey)) {
            throw invalid();
        }
        String hash = Hashing.sha256Hex(presentedKey);
        Optional<KeyInfo> cached = cache.get(hash);
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        KeyInfo info = cached.get();
        if (!info.usableAt(cache.now())) {
            cache.evict(hash);
            cache.refuse(hash);
            throw invalid();
        }
        return Optional.of(new AuthenticatedKey(hash, info.accountId(), info.keyId()));
    }

    /**
     * Billing's verdict on a key of the right form (one lookup per key at a time); an active key is cached, and so is
     * a refusal, so a refused key repeated costs billing nothing.
     */
    public Uni<AuthenticatedKey> fromBilling(String presentedKey, String requestId) {
        String hash = Hashing.sha256Hex(presentedKey);
        if (cache.refused(hash)) {
            return Uni.createFrom().failure(invalid());
        }
        return lookup(hash, requestId).map(found -> {
            KeyInfo info = found.filter(k -> k.usableAt(cache.now())).orElse(null);
            if (info == null) {
                cache.refuse(hash);
                throw invalid();
            }
            cache.put(hash, info);
            return new AuthenticatedKey(hash, info.accountId(), info.keyId());
        });
    }

    /** Fails with 401 when billing has left the revocation marker for this key. */
    public Uni<Void> checkMarker(AuthenticatedKey key) {
        return redis.send(markers.isRevoked(key.keyHash())).map(revoked -> {
            if (revoked) {
                throw refused(key);
            }
            return null;
        });
    }

    /** The 401 for a key found revoked; it leaves this replica's key cache for its refused keys. */
    public ApiException refused(AuthenticatedKey key) {
        cache.evict(key.keyHash());
        cache.refuse(key.keyHash());
        return invalid();
    }

    /** One billing lookup per key hash at a time: a burst on a cold key waits for the same answer. */
    private Uni<Optional<KeyInfo>> lookup(String hash, String requestId) {
        return inFlight.computeIfAbsent(hash, h -> billing.key(h, requestId)
                .onFailure().transform(e -> GatewayException.billingUnavailable("key verification", e))
                .onTermination().invoke(() -> inFlight.remove(h))
                .memoize().indefinitely());
    }

    /** {@code sc_} and 43 base64url characters; a plain loop, as this runs on every request. */
    static boolean wellFormed(String key) {
        if (key.length() != KEY_LENGTH || !key.startsWith(KEY_PREFIX)) {
            return false;
        }
        for (int i = KEY_PREFIX.length(); i < KEY_LENGTH; i++) {
            char c = key.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_API_KEY, INVALID_MESSAGE);
    }
}

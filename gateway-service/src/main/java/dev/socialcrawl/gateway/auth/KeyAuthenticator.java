package dev.socialcrawl.gateway.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.billing.BillingDtos.KeyInfo;
import dev.socialcrawl.gateway.pipeline.GatewayException;
import dev.socialcrawl.gateway.redis.Hashing;
import dev.socialcrawl.gateway.redis.RedisCommands;
import dev.socialcrawl.gateway.redis.RedisKeys;

/**
 * Step 3 of api-contract §3. A key verified by billing is trusted in-process for a short while, but a request
 * served from that cache still checks the revocation marker in Redis, so a revoke is seen by every replica on
 * the very next request.
 */
@ApplicationScoped
public class KeyAuthenticator {
    static final Pattern KEY_FORM = Pattern.compile("sc_[A-Za-z0-9_-]{43}");
    public static final String MISSING_MESSAGE = "Missing API key. Send your key in the x-api-key header.";
    public static final String INVALID_MESSAGE = "Invalid API key. The key is malformed, unknown, revoked or expired.";

    private final Map<String, Uni<Optional<KeyInfo>>> inFlight = new ConcurrentHashMap<>();
    private final KeyCache cache;
    private final BillingClient billing;
    private final RedisCommands redis;
    private final RedisKeys keys;

    public KeyAuthenticator(KeyCache cache, BillingClient billing, RedisCommands redis, RedisKeys keys) {
        this.cache = cache;
        this.billing = billing;
        this.redis = redis;
        this.keys = keys;
    }

    public Uni<AuthenticatedKey> authenticate(String presentedKey, String requestId) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.MISSING_API_KEY, MISSING_MESSAGE));
        }
        if (!KEY_FORM.matcher(presentedKey).matches()) {
            return Uni.createFrom().failure(invalid());
        }
        String hash = Hashing.sha256Hex(presentedKey);
        Optional<KeyInfo> cached = cache.get(hash);
        if (cached.isPresent()) {
            KeyInfo info = cached.get();
            if (!info.usableAt(cache.now())) {
                cache.evict(hash);
                return Uni.createFrom().failure(invalid());
            }
            return redis.execute("EXISTS", keys.revokedKey(hash)).map(exists -> {
                if (exists.toLong() > 0) {
                    cache.evict(hash);
                    throw invalid();
                }
                return new AuthenticatedKey(hash, info.accountId(), info.keyId());
            });
        }
        return lookup(hash, requestId).map(found -> {
            KeyInfo info = found.filter(k -> k.usableAt(cache.now())).orElseThrow(KeyAuthenticator::invalid);
            cache.put(hash, info);
            return new AuthenticatedKey(hash, info.accountId(), info.keyId());
        });
    }

    /** One billing lookup per key hash at a time: a burst on a cold key waits for the same answer. */
    private Uni<Optional<KeyInfo>> lookup(String hash, String requestId) {
        return inFlight.computeIfAbsent(hash, h -> billing.key(h, requestId)
                .onFailure().transform(e -> GatewayException.billingUnavailable("key verification", e))
                .onTermination().invoke(() -> inFlight.remove(h))
                .memoize().indefinitely());
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_API_KEY, INVALID_MESSAGE);
    }
}

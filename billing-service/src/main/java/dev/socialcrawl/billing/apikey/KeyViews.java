package dev.socialcrawl.billing.apikey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Wire shapes of keys; only {@link Created} ever carries the secret, and nothing carries the hash. */
public final class KeyViews {
    private KeyViews() {
    }

    public record CreateRequest(String name, Instant expiresAt) {
    }

    public record Created(long id, String key, String last4, String name, Instant createdAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant expiresAt) {
    }

    public record Listed(long id, String last4, String name, KeyStatus status, Instant createdAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant expiresAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant revokedAt) {
        static Listed of(ApiKey k, Instant now) {
            return new Listed(k.id, k.last4, k.name, k.statusAt(now), k.createdAt, k.expiresAt, k.revokedAt);
        }
    }

    public record Verification(long accountId, long keyId, KeyStatus status,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant expiresAt) {
    }
}

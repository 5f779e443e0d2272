package dev.socialcrawl.gateway.auth;

/** The caller behind a valid API key; {@code keyHash} is what every per-key Redis name uses, never the key. */
public record AuthenticatedKey(String keyHash, long accountId, long keyId) {
}

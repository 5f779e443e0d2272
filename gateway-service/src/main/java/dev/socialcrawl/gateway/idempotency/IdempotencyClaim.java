package dev.socialcrawl.gateway.idempotency;

/** A key this request owns while in flight. */
public record IdempotencyClaim(String redisKey, IdempotencyRecord record) {
}

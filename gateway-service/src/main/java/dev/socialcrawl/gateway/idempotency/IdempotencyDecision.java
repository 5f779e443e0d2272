package dev.socialcrawl.gateway.idempotency;

/** What step 7 decided for a keyed request. */
public sealed interface IdempotencyDecision {
    /** This request owns the key now; it must {@code complete} or {@code release} it. */
    record Claimed(IdempotencyClaim claim) implements IdempotencyDecision {
    }

    /** The original finished with a stored outcome; answer it again, free. */
    record Replay(IdempotencyRecord original) implements IdempotencyDecision {
    }
}

package dev.socialcrawl.proxy.upstream;

/** One platform's breaker at one instant; {@code retryAfterSeconds} is set only while open. */
public record BreakerSnapshot(String platform, BreakerState state, Integer retryAfterSeconds) {
}

package dev.socialcrawl.billing.activity;

import java.time.Instant;

/**
 * Filters of an activity listing; {@code null} means none. {@code statusFrom..statusTo} is one code or a class
 * ({@code 4xx} = 400..499). {@code before} is the paging position: rows strictly older than it, newest first.
 */
public record ActivityQuery(Long accountId, Instant from, Instant to, Integer statusFrom, Integer statusTo, String endpoint,
        String requestId, Position before, int limit) {

    /** A row's place in the newest-first order: its time (in microseconds) and, for ties, its request id. */
    public record Position(long atMicros, String requestId) {
    }
}

package dev.socialcrawl.gateway.activity;

import java.time.Instant;

/**
 * Epoch milliseconds as ISO-8601 UTC text with milliseconds ({@code 2026-12-06T20:00:00.123Z}). A flush writes
 * thousands of instants that share their second, so the second's text is formatted once and reused. Not thread-safe:
 * one per flush.
 */
final class InstantText {
    private long second = Long.MIN_VALUE;
    private String secondText;

    String format(long epochMillis) {
        long s = Math.floorDiv(epochMillis, 1000);
        if (s != second) {
            String text = Instant.ofEpochSecond(s).toString(); // "…:ss Z" without a fraction at a whole second
            secondText = text.substring(0, text.length() - 1) + '.';
            second = s;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        return secondText + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10) + (char) ('0' + millis % 10)
                + 'Z';
    }
}

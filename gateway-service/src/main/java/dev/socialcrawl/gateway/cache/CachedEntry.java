package dev.socialcrawl.gateway.cache;

import java.time.Duration;

/**
 * A cache entry as stored: when its data was fetched and the data JSON, in one Redis value
 * ({@code <fetched-at epoch ms>\n<data>}) so a hit reads both in one command and writes the data bytes as they are.
 */
public record CachedEntry(byte[] raw, int dataOffset, long fetchedAtMs, Duration ttl) {

    /** The stored value of data fetched at {@code fetchedAtMs}. */
    static byte[] encode(long fetchedAtMs, String data) {
        return (fetchedAtMs + "\n" + data).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The entry of a stored value, {@code null} when there is none or it is not in this form. */
    static CachedEntry decode(byte[] raw, Duration ttl) {
        if (raw == null) {
            return null;
        }
        long fetchedAt = 0;
        for (int i = 0; i < Math.min(raw.length, 20); i++) {
            byte b = raw[i];
            if (b == '\n') {
                return i == 0 ? null : new CachedEntry(raw, i + 1, fetchedAt, ttl);
            }
            if (b < '0' || b > '9') {
                return null;
            }
            fetchedAt = fetchedAt * 10 + (b - '0');
        }
        return null;
    }

    /** Whether the data is still within its TTL at {@code nowMs}. */
    public boolean freshAt(long nowMs) {
        return nowMs - fetchedAtMs < ttl.toMillis();
    }

    /** Whole seconds since the data was fetched (the {@code Age} header). */
    public long ageSeconds(long nowMs) {
        return Math.max(0, (nowMs - fetchedAtMs) / 1000);
    }

    /** Whether the data expired no more than {@code maxStaleSeconds} ago. */
    public boolean staleWithin(long nowMs, long maxStaleSeconds) {
        long expiredFor = nowMs - fetchedAtMs - ttl.toMillis();
        return maxStaleSeconds >= Long.MAX_VALUE / 1000 || expiredFor <= maxStaleSeconds * 1000;
    }

    public byte[] data() {
        return java.util.Arrays.copyOfRange(raw, dataOffset, raw.length);
    }
}

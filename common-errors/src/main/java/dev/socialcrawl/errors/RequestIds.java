package dev.socialcrawl.errors;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Request ids: {@code req-} followed by 24 URL-safe characters encoding 18 bytes, the first 6 the time in epoch
 * milliseconds and the other 12 from a secure generator (96 bits). The time first makes ids of one moment
 * neighbours in every index that holds them (docs/decisions/008-request-ids-begin-with-their-time.md).
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** MDC key and Vert.x routing-context key under which the current request id is kept. */
    public static final String MDC_KEY = "request_id";

    // DRBG runs in memory once seeded; the platform default (NativePRNG) reads /dev/urandom under a lock per call.
    private static final SecureRandom RANDOM = drbg();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int ID_BYTES = 18;
    private static final int TIME_BYTES = 6;
    private static final int RANDOM_ID_BYTES = ID_BYTES - TIME_BYTES;
    /**
     * Each thread draws the bytes of 64 ids in one call: the DRBG updates its state with extra hashes on every call
     * whatever the length (docs/decisions/005-request-ids-from-a-batch.md).
     */
    private static final ThreadLocal<Batch> RANDOM_BYTES = ThreadLocal.withInitial(() -> new Batch(64));
    private static final String PREFIX = "req-";
    private static final int MIN_CHARS = 20;
    private static final int MAX_CHARS = 100;

    private RequestIds() {
    }

    public static String newId() {
        return newId(System.currentTimeMillis());
    }

    static String newId(long epochMillis) {
        byte[] id = new byte[ID_BYTES];
        for (int i = TIME_BYTES - 1; i >= 0; i--) {
            id[i] = (byte) epochMillis;
            epochMillis >>>= 8;
        }
        RANDOM_BYTES.get().next(id, TIME_BYTES);
        return PREFIX + ENCODER.encodeToString(id);
    }

    /**
     * The time at the start of an id of our form, in epoch milliseconds, or -1 when the value is too short to hold one.
     * Ids minted before their time came first (decision 008) decode to a meaningless time: a caller must check that the
     * result is plausible before relying on it.
     */
    public static long epochMillisOf(String id) {
        if (!isValid(id) || id.length() < PREFIX.length() + 8) {
            return -1;
        }
        byte[] head = Base64.getUrlDecoder().decode(id.substring(PREFIX.length(), PREFIX.length() + 8));
        long millis = 0;
        for (int i = 0; i < TIME_BYTES; i++) {
            millis = millis << 8 | (head[i] & 0xff);
        }
        return millis;
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /**
     * Whether a value (e.g. one passed by another service in {@code X-Request-Id}) has our form,
     * {@code req-[A-Za-z0-9_-]{20,100}}; checked by hand, not by a regex, as every request of every service passes here.
     */
    public static boolean isValid(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return false;
        }
        int chars = value.length() - PREFIX.length();
        if (chars < MIN_CHARS || chars > MAX_CHARS) {
            return false;
        }
        for (int i = PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Random bytes drawn ahead for one thread's next ids. */
    private static final class Batch {
        private final byte[] bytes;
        private int used;

        Batch(int ids) {
            bytes = new byte[ids * RANDOM_ID_BYTES];
            used = bytes.length;
        }

        void next(byte[] id, int from) {
            if (used == bytes.length) {
                RANDOM.nextBytes(bytes);
                used = 0;
            }
            System.arraycopy(bytes, used, id, from, RANDOM_ID_BYTES);
            used += RANDOM_ID_BYTES;
        }
    }
}

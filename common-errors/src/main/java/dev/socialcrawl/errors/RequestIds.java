package dev.socialcrawl.errors;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** Request ids: {@code req-} followed by 24 URL-safe characters from a secure generator (144 bits). */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** MDC key and Vert.x routing-context key under which the current request id is kept. */
    public static final String MDC_KEY = "request_id";

    // DRBG runs in memory once seeded; the platform default (NativePRNG) reads /dev/urandom under a lock per call.
    private static final SecureRandom RANDOM = drbg();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int ID_BYTES = 18;
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
        return PREFIX + ENCODER.encodeToString(RANDOM_BYTES.get().next());
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
            bytes = new byte[ids * ID_BYTES];
            used = bytes.length;
        }

        byte[] next() {
            if (used == bytes.length) {
                RANDOM.nextBytes(bytes);
                used = 0;
            }
            byte[] id = Arrays.copyOfRange(bytes, used, used + ID_BYTES);
            used += ID_BYTES;
            return id;
        }
    }
}

package dev.socialcrawl.errors;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Request ids: {@code req-} followed by 24 URL-safe characters from a secure generator (144 bits). */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** MDC key and Vert.x routing-context key under which the current request id is kept. */
    public static final String MDC_KEY = "request_id";

    // DRBG runs in memory once seeded; the platform default (NativePRNG) reads /dev/urandom under a lock per call.
    private static final SecureRandom RANDOM = drbg();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern VALID = Pattern.compile("req-[A-Za-z0-9_-]{20,100}");

    private RequestIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "req-" + ENCODER.encodeToString(bytes);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** Whether a value (e.g. one passed by another service in {@code X-Request-Id}) has our form. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }
}

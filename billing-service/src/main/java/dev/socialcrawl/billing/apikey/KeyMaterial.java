package dev.socialcrawl.billing.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Key format {@code sc_} + 43 base64url characters (32 secure random bytes), and its lookup hash. */
public final class KeyMaterial {
    public static final String PREFIX = "sc_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private KeyMaterial() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + ENCODER.encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the full key string (UTF-8), as the gateway computes it. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static boolean isHash(String value) {
        return value != null && HASH.matcher(value).matches();
    }

    public static String last4(String key) {
        return key.substring(key.length() - 4);
    }
}

package dev.socialcrawl.gateway.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex digests: SHA-256 for key hashes and every derived Redis key, SHA-1 for Lua script digests. */
public final class Hashing {
    private static final HexFormat HEX = HexFormat.of();
    // Cloning a digest skips the provider lookup getInstance makes on every call (two SHA-256 per request).
    private static final MessageDigest SHA_256 = prototype("SHA-256");

    private Hashing() {
    }

    public static String sha256Hex(String value) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return hex("SHA-256", value);
        }
        return HEX.formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The digest Redis files a script under (what EVALSHA takes). */
    public static String sha1Hex(String value) {
        return hex("SHA-1", value);
    }

    private static MessageDigest prototype(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JRE", e);
        }
    }

    private static String hex(String algorithm, String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            return HEX.formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JRE", e);
        }
    }
}

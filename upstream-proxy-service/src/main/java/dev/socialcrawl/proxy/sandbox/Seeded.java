package dev.socialcrawl.proxy.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic synthetic values: the same request always gives the same payload. */
final class Seeded {
    private static final List<String> FIRST = List.of("Ava", "Liam", "Mia", "Noah", "Zoe", "Omar", "Lena", "Kai",
            "Ines", "Theo", "Sofia", "Yuki", "Ravi", "Nora", "Luca", "Maya");
    private static final List<String> LAST = List.of("Rivera", "Chen", "Okafor", "Larsen", "Silva", "Novak", "Haddad",
            "Kim", "Moreau", "Patel", "Schmidt", "Costa", "Ibrahim", "Walsh");
    /** English sentences with category keywords, long enough for language detection. */
    static final List<String> SENTENCES = List.of(
            "Trying a new pasta recipe tonight and the whole kitchen smells amazing, dinner is served.",
            "My morning workout at the gym: ten minutes of cardio, then heavy training for legs.",
            "This song has been stuck in my head all week, the new album drops on Friday.",
            "Backpacking through the mountains was the best travel adventure of my life.",
            "Quick tutorial: how to learn programming faster with small daily coding lessons.",
            "Today's outfit is all about streetwear, sneakers and a vintage designer jacket.",
            "The final match went to penalties and the stadium went completely wild after the goal.",
            "Our puppy met a kitten for the first time and now they are best friends.",
            "Breaking news from the election night, the results are coming in from every state.",
            "Five skincare steps that changed my routine, plus the makeup I use every day.",
            "Speedrun attempt number forty, the new game update finally fixed the glitch.",
            "Small business tip: your brand story matters more than your marketing budget.",
            "Painting this illustration took three weeks, swipe to see the drawing process.",
            "Nobody warned me that parenting twins means a lot of laundry and a lot of love.");
    private static final List<String> TAGS = List.of("fyp", "viral", "trending", "daily", "tips", "life", "weekend",
            "inspiration", "howto", "behindthescenes");

    private final SplittableRandom random;

    Seeded(String seed) {
        this.random = new SplittableRandom(hash(seed));
    }

    long between(long min, long max) {
        return min + Math.floorMod(random.nextLong(), max - min + 1);
    }

    int between(int min, int max) {
        return (int) between((long) min, (long) max);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String digits(int count) {
        StringBuilder b = new StringBuilder();
        b.append(between(1, 9));
        for (int i = 1; i < count; i++) {
            b.append(between(0, 9));
        }
        return b.toString();
    }

    String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    String firstName() {
        return pick(FIRST);
    }

    String fullName() {
        return pick(FIRST) + " " + pick(LAST);
    }

    String handle() {
        return (pick(FIRST) + "." + pick(LAST)).toLowerCase(java.util.Locale.ROOT) + between(1, 99);
    }

    String sentence() {
        return pick(SENTENCES);
    }

    String caption() {
        return sentence() + " #" + pick(TAGS) + " #" + pick(TAGS);
    }

    /** Seconds since the epoch within the last three years (before the fixed 2026-01-01 anchor). */
    long recentEpochSeconds() {
        return 1_767_225_600L - between(3_600L, 3L * 365 * 24 * 3600);
    }

    long oldEpochSeconds() {
        return 1_767_225_600L - between(4L * 365 * 24 * 3600, 12L * 365 * 24 * 3600);
    }

    String image(String host, String kind) {
        return "https://" + host + "/" + kind + "/" + token(16) + ".jpg";
    }

    String video(String host) {
        return "https://" + host + "/video/" + token(20) + ".mp4";
    }

    private static long hash(String seed) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.socialcrawl.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsHaveThePrefixAndAtLeastTwentyUrlSafeCharacters() {
        String id = RequestIds.newId();
        assertTrue(id.matches("req-[A-Za-z0-9_-]{20,}"), id);
        assertTrue(RequestIds.isValid(id));
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(RequestIds.newId());
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void anIdBeginsWithItsTimeInMillisecondsAndEndsInRandomBytes() {
        long at = 1_796_601_600_123L; // 2026-12-07T00:00:00.123Z
        String id = RequestIds.newId(at);
        assertEquals(28, id.length(), id);
        byte[] bytes = Base64.getUrlDecoder().decode(id.substring(4));
        assertEquals(18, bytes.length);
        long decoded = 0;
        for (int i = 0; i < 6; i++) {
            decoded = decoded << 8 | (bytes[i] & 0xff);
        }
        assertEquals(at, decoded);
        String other = RequestIds.newId(at);
        assertEquals(id.substring(0, 12), other.substring(0, 12), "one millisecond, one prefix");
        assertNotEquals(id.substring(12), other.substring(12), "the random part differs");
        assertNotEquals(id.substring(0, 12), RequestIds.newId(at + 1).substring(0, 12));
    }

    @Test
    void theTimeOfAnIdIsReadBackAndAValueNotOfOurFormHasNone() {
        long at = 1_796_601_600_123L;
        assertEquals(at, RequestIds.epochMillisOf(RequestIds.newId(at)));
        assertEquals(at + 1, RequestIds.epochMillisOf(RequestIds.newId(at + 1)));
        assertEquals(-1, RequestIds.epochMillisOf("abc-AAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(-1, RequestIds.epochMillisOf("req-short"));
        assertEquals(-1, RequestIds.epochMillisOf(null));
    }

    @Test
    void foreignOrShortValuesAreNotAccepted() {
        assertFalse(RequestIds.isValid(null));
        assertFalse(RequestIds.isValid("req-short"));
        assertFalse(RequestIds.isValid("abc-abcdefghijklmnopqrstuvwxyz"));
        assertFalse(RequestIds.isValid("req-abcdefghijklmnopqrstuv\nX-Injected: 1"));
        assertFalse(RequestIds.isValid("req-" + "a".repeat(101)));
        assertFalse(RequestIds.isValid("req-" + "a".repeat(19)));
        assertFalse(RequestIds.isValid("REQ-" + "a".repeat(24)));
        assertFalse(RequestIds.isValid("req-" + "a".repeat(23) + "."));
        assertFalse(RequestIds.isValid("req-" + "a".repeat(23) + "é"));
    }

    @Test
    void theWholeAlphabetAndBothLengthBoundsAreAccepted() {
        assertTrue(RequestIds.isValid("req-" + "a".repeat(20)));
        assertTrue(RequestIds.isValid("req-" + "Z".repeat(100)));
        assertTrue(RequestIds.isValid("req-abcxyzABCXYZ0123456789_-"));
    }
}

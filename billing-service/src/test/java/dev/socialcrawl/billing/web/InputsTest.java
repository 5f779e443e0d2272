package dev.socialcrawl.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

class InputsTest {

    @Test
    void aDateIsAWholeUtcDayAndAnInstantIsItself() {
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), Inputs.rangeStart("from", "2026-03-01"));
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), Inputs.rangeEnd("to", "2026-03-31"), "to a date: its end");
        assertEquals(Instant.parse("2026-03-01T10:15:30.5Z"), Inputs.rangeStart("from", "2026-03-01T10:15:30.5Z"));
        assertEquals(Instant.parse("2026-03-01T10:15:30Z"), Inputs.rangeEnd("to", "2026-03-01T10:15:30Z"));
        assertEquals(Instant.parse("2026-03-01T09:15:30Z"), Inputs.rangeEnd("to", "2026-03-01T10:15:30+01:00"));
        assertNull(Inputs.rangeStart("from", " "));
    }

    @Test
    void anythingElseIsA400NamingTheParameter() {
        for (String bad : List.of("2026-02-30", "2026-3-1", "yesterday", "2026-03-01T10:15", "1700000000")) {
            ApiException e = assertThrows(ApiException.class, () -> Inputs.rangeEnd("to", bad), bad);
            assertEquals(ErrorCode.INVALID_REQUEST, e.code());
            assertEquals("Parameter 'to' must be a date such as 2026-12-01 (UTC) or an ISO-8601 instant such as"
                    + " 2026-12-01T00:00:00Z.", e.getMessage());
        }
    }

    @Test
    void cursorsRoundTripAndRefuseOtherKindsAndGarbage() {
        String cursor = PageCursor.encode("t", 123L, "req-a:b");
        assertEquals(List.of("123", "req-a:b"), PageCursor.decode(cursor, "t", 2));
        assertThrows(ApiException.class, () -> PageCursor.decode(cursor, "e", 2));
        assertThrows(ApiException.class, () -> PageCursor.decodeId("!!", "e"));
        assertThrows(ApiException.class, () -> PageCursor.decodeId(PageCursor.encode("e", -4L), "e"));
        assertEquals(0, PageCursor.decodeId(null, "e"));
        assertEquals(42, PageCursor.decodeId(PageCursor.encode("e", 42L), "e"));
    }
}

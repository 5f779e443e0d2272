package dev.socialcrawl.gateway.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.socialcrawl.activity.ActivityRows;

/** The activity record's row, the contract with billing (docs/internal-api.md, "Activity stream"). */
class ActivityRecordRowTest {

    @Test
    void everyFieldInTheStreamsOrderWithTheInstantInEpochMilliseconds() {
        long at = Instant.parse("2026-12-06T20:00:00.123Z").toEpochMilli();
        ActivityRows.Writer rows = new ActivityRows.Writer(64);
        new ActivityRecord("req-1", 12, 34, "Ab9_", "GET", "/v1/tiktok/profile", "handle=\"x\"\t&q=ü\\", 404,
                "RESOURCE_NOT_FOUND", 0, false, true, 12, at).writeTo(rows);
        new ActivityRecord("req-2", 12, 34, "Ab9_", "GET", "/v1/x", "", 200, null, 1, true, false, 0, at).writeTo(rows);
        String text = new String(rows.toBytes(), StandardCharsets.UTF_8);
        assertEquals("req-1\t12\t34\tAb9_\tGET\t/v1/tiktok/profile\thandle=\"x\"\\t&q=ü\\\\\t404\tRESOURCE_NOT_FOUND\t0\tf\tt\t12\t"
                + at + "\nreq-2\t12\t34\tAb9_\tGET\t/v1/x\t\t200\t\\N\t1\tt\tf\t0\t" + at + "\n", text);
        assertEquals(List.of(
                List.of("req-1", "12", "34", "Ab9_", "GET", "/v1/tiktok/profile", "handle=\"x\"\t&q=ü\\", "404",
                        "RESOURCE_NOT_FOUND", "0", "f", "t", "12", String.valueOf(at)),
                Arrays.asList("req-2", "12", "34", "Ab9_", "GET", "/v1/x", "", "200", null, "1", "t", "f", "0",
                        String.valueOf(at))), ActivityRows.read(text));
    }
}

package dev.socialcrawl.gateway.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The activity record's JSON, the contract with billing (docs/internal-api.md, "Activity stream"). */
class ActivityRecordJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFieldUnderItsContractNameWithTheInstantInMilliseconds() throws Exception {
        long at = Instant.parse("2026-12-06T20:00:00.123Z").toEpochMilli();
        JsonNode written = JSON.readTree(write(new ActivityRecord("req-1", 12, 34, "Ab9_", "GET", "/v1/tiktok/profile",
                "handle=\"x\"&q=ü", 404, "RESOURCE_NOT_FOUND", 0, false, true, 12, at)));
        assertEquals(JSON.readTree("{\"request_id\":\"req-1\",\"account_id\":12,\"key_id\":34,\"key_last4\":\"Ab9_\","
                + "\"method\":\"GET\",\"path\":\"/v1/tiktok/profile\",\"query\":\"handle=\\\"x\\\"&q=ü\",\"status\":404,"
                + "\"error_type\":\"RESOURCE_NOT_FOUND\",\"credits\":0,\"cached\":false,\"replay\":true,"
                + "\"latency_ms\":12,\"at\":\"2026-12-06T20:00:00.123Z\"}"), written);
        JsonNode success = JSON.readTree(write(new ActivityRecord("req-2", 12, 34, "Ab9_", "GET", "/v1/x", "", 200, null,
                1, true, false, 0, at)));
        assertEquals(true, success.get("error_type").isNull(), "error_type is present and null on success");
    }

    @Test
    void instantTextIsIsoUtcWithThreeDigitsOfMillisecondsAcrossSeconds() {
        InstantText text = new InstantText();
        long start = Instant.parse("2026-12-06T23:59:58.990Z").toEpochMilli();
        for (long ms = start; ms < start + 2_500; ms += 7) {
            Instant expected = Instant.ofEpochMilli(ms);
            String formatted = text.format(ms);
            assertEquals(expected, Instant.parse(formatted), formatted);
            assertEquals(24, formatted.length(), formatted);
        }
        assertEquals("1970-01-01T00:00:00.000Z", text.format(0));
        assertEquals("2026-12-07T00:00:00.000Z", text.format(Instant.parse("2026-12-07T00:00:00Z").toEpochMilli()));
    }

    private static String write(ActivityRecord record) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            record.writeTo(json, new InstantText());
        }
        return out.toString();
    }
}

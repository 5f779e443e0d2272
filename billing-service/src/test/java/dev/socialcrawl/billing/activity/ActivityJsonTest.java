package dev.socialcrawl.billing.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;

/** The drain's one-pass reader of a stream entry's records (docs/internal-api.md, "Activity stream"). */
class ActivityJsonTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String GATEWAY_RECORD = "{\"request_id\":\"req-1\",\"account_id\":12,\"key_id\":34,"
            + "\"key_last4\":\"Ab9_\",\"method\":\"GET\",\"path\":\"/v1/tiktok/profile\",\"query\":\"handle=x\","
            + "\"status\":200,\"error_type\":null,\"credits\":1,\"cached\":false,\"replay\":true,\"latency_ms\":12,"
            + "\"at\":\"2026-12-06T20:00:00.123Z\"}";

    @Test
    void readsEveryFieldOfTheGatewaysRecord() {
        List<ActivityRecord> records = ActivityJson.read(JSON, "[" + GATEWAY_RECORD + "]");
        assertEquals(List.of(new ActivityRecord("req-1", 12L, 34L, "Ab9_", "GET", "/v1/tiktok/profile", "handle=x", 200,
                null, 1L, false, true, 12L, Instant.parse("2026-12-06T20:00:00.123Z"))), records);
        assertNull(records.get(0).problem());
    }

    @Test
    void aFieldOfTheWrongTypeMakesOnlyItsRecordMalformed() {
        String wrongStatus = GATEWAY_RECORD.replace("\"status\":200", "\"status\":{\"code\":200}");
        String textCredits = GATEWAY_RECORD.replace("\"credits\":1", "\"credits\":\"1\"");
        String fraction = GATEWAY_RECORD.replace("\"latency_ms\":12", "\"latency_ms\":1.5");
        List<ActivityRecord> records = ActivityJson.read(JSON,
                "[" + wrongStatus + "," + textCredits + "," + fraction + ",7," + GATEWAY_RECORD + "]");
        assertEquals(5, records.size());
        assertNull(records.get(0), "an object where a number belongs");
        assertNull(records.get(1), "text where a number belongs");
        assertNull(records.get(2), "a fraction where a whole number belongs");
        assertNull(records.get(3), "not an object");
        assertEquals("req-1", records.get(4).requestId(), "the record after them is read whole");
    }

    @Test
    void unknownFieldsAreSkippedWhateverTheyHold() {
        String extra = GATEWAY_RECORD.replace("{\"request_id\"",
                "{\"later\":{\"nested\":[1,{\"request_id\":\"not-this\"}]},\"also\":[\"x\"],\"request_id\"");
        ActivityRecord record = ActivityJson.read(JSON, "[" + extra + "]").get(0);
        assertEquals("req-1", record.requestId());
        assertNull(record.problem());
    }

    @Test
    void aMissingFieldIsNamedByTheRecordsProblem() {
        String noStatus = GATEWAY_RECORD.replace("\"status\":200,", "");
        assertEquals("status", ActivityJson.read(JSON, "[" + noStatus + "]").get(0).problem());
        String badAt = GATEWAY_RECORD.replace("2026-12-06T20:00:00.123Z", "yesterday");
        assertEquals("at", ActivityJson.read(JSON, "[" + badAt + "]").get(0).problem());
    }

    @Test
    void anEntryThatIsNotOneJsonArrayIsNull() {
        assertNull(ActivityJson.read(JSON, "not json at all"));
        assertNull(ActivityJson.read(JSON, GATEWAY_RECORD), "an object, not an array");
        assertNull(ActivityJson.read(JSON, "[" + GATEWAY_RECORD), "cut short");
        assertNull(ActivityJson.read(JSON, "[] []"), "something after the array");
        assertEquals(List.of(), ActivityJson.read(JSON, "[]"));
    }

    @Test
    void instantsInTheGatewaysFormAndAnyOtherIsoFormAreRead() {
        for (String text : List.of("2026-12-06T20:00:00.123Z", "2026-12-06T23:59:59.999Z", "1970-01-01T00:00:00.000Z",
                "2028-02-29T12:30:45.007Z", "2026-12-06T20:00:00Z", "2026-12-06T20:00:00.123456Z")) {
            assertEquals(Instant.parse(text), ActivityJson.instant(text), text);
        }
        for (String text : List.of("2026-02-30T20:00:00.123Z", "2026-12-06T25:00:00.000Z", "2026-12-06T20:0x:00.000Z",
                "2026-12-06 20:00:00.123Z", "")) {
            assertNull(ActivityJson.instant(text), text);
        }
    }
}

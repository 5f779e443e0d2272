package dev.socialcrawl.billing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;

import dev.socialcrawl.activity.ActivityRows;
import dev.socialcrawl.billing.activity.ActivityRecord;

/** Activity records as the gateway writes them, and the stream it writes them to ({@code {p}activity}). */
final class ActivityRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamCommands<String, String, String> streams;
    private final String key;

    ActivityRecords(RedisDataSource redis, String prefix) {
        this.streams = redis.stream(String.class);
        this.key = prefix + "activity";
    }

    String key() {
        return key;
    }

    StreamCommands<String, String, String> streams() {
        return streams;
    }

    /** XADD of one entry holding these records as the gateway writes them, rows of text; the entry id. */
    String add(List<Map<String, Object>> records) {
        ActivityRows.Writer rows = new ActivityRows.Writer(256);
        for (Map<String, Object> r : records) {
            for (String column : ActivityRows.FIELDS) {
                Object value = r.get(column);
                if (value instanceof Boolean b) {
                    rows.bool(b);
                } else if (column.equals("at") && value instanceof String at) {
                    rows.number(Instant.parse(at).toEpochMilli());
                } else {
                    rows.text(value == null ? null : String.valueOf(value));
                }
            }
            rows.endRow();
        }
        return streams.xadd(key, Map.of("rows", new String(rows.toBytes(), StandardCharsets.UTF_8)));
    }

    /** XADD of one entry in the form gateways wrote before the rows, a JSON array in the field {@code records}. */
    String addJson(List<Map<String, Object>> records) {
        return streams.xadd(key, Map.of("records", json(records)));
    }

    String addRaw(String recordsField) {
        return streams.xadd(key, Map.of("records", recordsField));
    }

    /** A record of a 200 for {@code /v1/tiktok/profile}, with the fields the contract fixes. */
    static Map<String, Object> record(String requestId, long accountId, Instant at) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("request_id", requestId);
        r.put("account_id", accountId);
        r.put("key_id", 34);
        r.put("key_last4", "Ab9_");
        r.put("method", "GET");
        r.put("path", "/v1/tiktok/profile");
        r.put("query", "handle=x");
        r.put("status", 200);
        r.put("error_type", null);
        r.put("credits", 1);
        r.put("cached", false);
        r.put("replay", false);
        r.put("latency_ms", 12);
        r.put("at", at.toString());
        return r;
    }

    /** The record as billing reads it from the stream, for a test that stores it the way a replica would. */
    static ActivityRecord read(Map<String, Object> r) {
        return new ActivityRecord((String) r.get("request_id"), ((Number) r.get("account_id")).longValue(),
                ((Number) r.get("key_id")).longValue(), (String) r.get("key_last4"), (String) r.get("method"),
                (String) r.get("path"), (String) r.get("query"), ((Number) r.get("status")).intValue(),
                (String) r.get("error_type"), ((Number) r.get("credits")).longValue(), (Boolean) r.get("cached"),
                (Boolean) r.get("replay"), ((Number) r.get("latency_ms")).longValue(),
                Instant.parse((String) r.get("at")).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    static Map<String, Object> with(Map<String, Object> record, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(record);
        copy.put(field, value);
        return copy;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

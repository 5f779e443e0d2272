package dev.socialcrawl.billing.activity;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.socialcrawl.activity.ActivityRows;

/**
 * One request as the gateway puts it in the activity stream (docs/internal-api.md, docs/api.md#activity-log). Boxed, so a
 * missing field reads as null and {@link #problem()} names it.
 */
public record ActivityRecord(String requestId, Long accountId, Long keyId, String keyLast4, String method, String path,
        String query, Integer status, String errorType, Long credits, Boolean cached, Boolean replay, Long latencyMs,
        Instant at) {

    static final int MAX_REQUEST_ID = 128;
    static final int MAX_SHORT = 64;
    /** Longer than any request line the gateway accepts; a longer path or query is cut here, not refused. */
    static final int MAX_TEXT = 8192;

    /**
     * The records of an entry's {@code rows} field, {@code null} standing for a row without its
     * {@link ActivityRows#FIELDS}; a field that is not of its type reads as null for {@link #problem()} to name.
     */
    static List<ActivityRecord> fromRows(String text) {
        List<List<String>> rows = ActivityRows.read(text);
        List<ActivityRecord> records = new ArrayList<>(rows.size());
        for (List<String> f : rows) {
            records.add(f.size() != ActivityRows.FIELDS.size() ? null : new ActivityRecord(f.get(0), number(f.get(1)), number(f.get(2)),
                    f.get(3), f.get(4), f.get(5), f.get(6), status(f.get(7)), f.get(8), number(f.get(9)), bool(f.get(10)),
                    bool(f.get(11)), number(f.get(12)), epochMillis(f.get(13))));
        }
        return records;
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer status(String text) {
        Long value = number(text);
        return value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    private static Boolean bool(String text) {
        return "t".equals(text) ? Boolean.TRUE : "f".equals(text) ? Boolean.FALSE : null;
    }

    private static Instant epochMillis(String text) {
        Long millis = number(text);
        try {
            return millis == null ? null : Instant.ofEpochMilli(millis);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The first field that keeps this record from being stored, or {@code null} when it can be. */
    String problem() {
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID) {
            return "request_id";
        }
        if (accountId == null || accountId <= 0) {
            return "account_id";
        }
        if (keyId == null || keyId <= 0) {
            return "key_id";
        }
        if (keyLast4 == null || keyLast4.length() > MAX_SHORT) {
            return "key_last4";
        }
        if (method == null || method.isEmpty() || method.length() > MAX_SHORT) {
            return "method";
        }
        if (path == null) {
            return "path";
        }
        if (status == null || status < 100 || status > 599) {
            return "status";
        }
        if (errorType != null && errorType.length() > MAX_SHORT) {
            return "error_type";
        }
        if (credits == null || credits < 0) {
            return "credits";
        }
        if (cached == null || replay == null) {
            return cached == null ? "cached" : "replay";
        }
        if (latencyMs == null || latencyMs < 0 || latencyMs > Integer.MAX_VALUE) {
            return "latency_ms";
        }
        return at == null ? "at" : null;
    }

    /** The record's row as a block stores it (a valid record's, {@link #problem()} null): the stream's own form. */
    void writeTo(ActivityRows.Writer row) {
        row.text(requestId).number(accountId).number(keyId).text(keyLast4).text(method).text(cut(path))
                .text(query == null ? "" : cut(query)).number(status).text(errorType).number(credits).bool(cached)
                .bool(replay).number(latencyMs).number(at.toEpochMilli()).endRow();
    }

    /** The stored record on the wire; {@code withAccount} for the billing team's listing. */
    ActivityItem item(boolean withAccount) {
        return new ActivityItem(requestId, withAccount ? accountId : null, keyId, keyLast4, method, path, query, status,
                errorType, credits, cached, replay, latencyMs, at);
    }

    private static String cut(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}

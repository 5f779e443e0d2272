package dev.socialcrawl.billing.activity;

import java.time.Instant;
import java.util.List;

import dev.socialcrawl.activity.ActivityRows;

/**
 * Activity records as the input of PostgreSQL's {@code COPY … FROM STDIN} in text format, one row per record in the
 * column order of {@link #COLUMNS} (docs/decisions/009-activity-rows-by-copy.md).
 */
final class ActivityCopyText {
    /** The activity log's columns in the rows' order ({@code occurred_at} is the stream's {@code at}). */
    static final String COLUMNS = "request_id, account_id, key_id, key_last4, method, path, query, status, error_type,"
            + " credits, cached, replay, latency_ms, occurred_at";

    private ActivityCopyText() {
    }

    /** The records' rows; their instants go to the microsecond, PostgreSQL's precision. */
    static byte[] of(List<ActivityRecord> records) {
        ActivityRows.Writer out = new ActivityRows.Writer(records.size() * 160 + 64);
        StringBuilder at = new StringBuilder(32);
        for (ActivityRecord r : records) {
            out.text(r.requestId()).number(r.accountId()).number(r.keyId()).text(r.keyLast4()).text(r.method())
                    .text(r.pathCut()).text(r.queryCut()).number(r.status()).text(r.errorType()).number(r.credits())
                    .bool(r.cached()).bool(r.replay()).number(r.latencyMs()).raw(instant(r.at(), at)).endRow();
        }
        return out.toBytes();
    }

    /** {@code 2026-12-07 10:15:30.123456+00}: UTC, to the microsecond. */
    private static String instant(Instant at, StringBuilder text) {
        long ofDay = Math.floorMod(at.getEpochSecond(), 86_400L);
        int micros = at.getNano() / 1_000;
        text.setLength(0);
        text.append(ActivityPartitions.day(at)).append(' ');
        pad(text, ofDay / 3_600, 2).append(':');
        pad(text, ofDay / 60 % 60, 2).append(':');
        pad(text, ofDay % 60, 2).append('.');
        return pad(text, micros, 6).append("+00").toString();
    }

    private static StringBuilder pad(StringBuilder text, long value, int digits) {
        String s = Long.toString(value);
        for (int i = s.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(s);
    }
}

package dev.socialcrawl.gateway.activity;

import dev.socialcrawl.activity.ActivityRows;

/**
 * One line of an account's activity log (docs/api.md#activity-log), as the gateway hands it to billing; {@code atMillis}
 * is when the request finished (epoch milliseconds).
 */
public record ActivityRecord(String requestId, long accountId, long keyId, String keyLast4, String method, String path,
        String query, int status, String errorType, long credits, boolean cached, boolean replay, long latencyMs,
        long atMillis) {

    /** The record's row, fields in the stream's order (docs/internal-api.md, "Activity stream"). */
    void writeTo(ActivityRows.Writer row) {
        row.text(requestId).number(accountId).number(keyId).text(keyLast4).text(method).text(path).text(query)
                .number(status).text(errorType).number(credits).bool(cached).bool(replay).number(latencyMs)
                .number(atMillis).endRow();
    }
}

package dev.socialcrawl.gateway.activity;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One line of an account's activity log (docs/api.md#activity-log), as the gateway hands it to billing; {@code atMillis}
 * is when the request finished (epoch milliseconds).
 */
public record ActivityRecord(String requestId, long accountId, long keyId, String keyLast4, String method, String path,
        String query, int status, String errorType, long credits, boolean cached, boolean replay, long latencyMs,
        long atMillis) {

    /** The record's JSON object, field by field (docs/internal-api.md, "Activity stream"). */
    void writeTo(JsonGenerator json, InstantText instants) throws IOException {
        json.writeStartObject();
        json.writeStringField("request_id", requestId);
        json.writeNumberField("account_id", accountId);
        json.writeNumberField("key_id", keyId);
        json.writeStringField("key_last4", keyLast4);
        json.writeStringField("method", method);
        json.writeStringField("path", path);
        json.writeStringField("query", query);
        json.writeNumberField("status", status);
        json.writeStringField("error_type", errorType);
        json.writeNumberField("credits", credits);
        json.writeBooleanField("cached", cached);
        json.writeBooleanField("replay", replay);
        json.writeNumberField("latency_ms", latencyMs);
        json.writeStringField("at", instants.format(atMillis));
        json.writeEndObject();
    }
}

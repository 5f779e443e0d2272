package dev.socialcrawl.billing.activity;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one stream entry's {@code records} field (docs/internal-api.md, "Activity stream") in one pass over its
 * tokens: a drain reads thousands of records a second, and binding each through a tree and a bean deserializer cost
 * billing more than storing them. A record with a field of the wrong type comes back as {@code null} (malformed);
 * a missing field stays null for {@link ActivityRecord#problem()} to name; unknown fields are skipped.
 */
final class ActivityJson {
    /** The records of an entry, {@code null} standing for a malformed one; {@code null} itself when the field is not a JSON array. */
    static List<ActivityRecord> read(JsonFactory factory, String json) {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<ActivityRecord> records = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    return null;
                }
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    records.add(null);
                    continue;
                }
                records.add(record(p));
            }
            return p.nextToken() == null ? records : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** From just after the object's start to its end; {@code null} when a field has the wrong type. */
    private static ActivityRecord record(JsonParser p) throws IOException {
        String requestId = null, keyLast4 = null, method = null, path = null, query = null, errorType = null;
        Long accountId = null, keyId = null, credits = null, latencyMs = null;
        Integer status = null;
        Boolean cached = null, replay = null;
        Instant at = null;
        boolean wrong = false;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "request_id" -> requestId = text(p, value);
                case "key_last4" -> keyLast4 = text(p, value);
                case "method" -> method = text(p, value);
                case "path" -> path = text(p, value);
                case "query" -> query = text(p, value);
                case "error_type" -> errorType = text(p, value);
                case "account_id" -> accountId = number(p, value);
                case "key_id" -> keyId = number(p, value);
                case "credits" -> credits = number(p, value);
                case "latency_ms" -> latencyMs = number(p, value);
                case "status" -> {
                    Long s = number(p, value); // out of an int's range it stays null: the record's problem() names it
                    status = s == null || s < Integer.MIN_VALUE || s > Integer.MAX_VALUE ? null : s.intValue();
                }
                case "cached" -> cached = bool(value);
                case "replay" -> replay = bool(value);
                case "at" -> at = value == JsonToken.VALUE_STRING ? instant(p.getText()) : null;
                default -> {
                }
            }
            p.skipChildren(); // a container where a scalar belongs, or an unknown field's object or array
            wrong |= value != JsonToken.VALUE_NULL && !known(name, value);
        }
        return wrong ? null : new ActivityRecord(requestId, accountId, keyId, keyLast4, method, path, query, status,
                errorType, credits, cached, replay, latencyMs, at);
    }

    /** Whether a non-null value has its field's type (an unknown field may have any). */
    private static boolean known(String name, JsonToken value) {
        return switch (name) {
            case "request_id", "key_last4", "method", "path", "query", "error_type", "at" -> value == JsonToken.VALUE_STRING;
            case "account_id", "key_id", "credits", "latency_ms", "status" -> value == JsonToken.VALUE_NUMBER_INT;
            case "cached", "replay" -> value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
            default -> true;
        };
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static Long number(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return null;
        }
        return p.getLongValue();
    }

    private static Boolean bool(JsonToken value) {
        return value == JsonToken.VALUE_TRUE ? Boolean.TRUE : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    /**
     * ISO-8601 UTC text; the gateway's own form ({@code 2026-12-06T20:00:00.123Z}) is read digit by digit, any other
     * goes through {@link Instant#parse}. {@code null} when it is not an instant (the record is then malformed).
     */
    static Instant instant(String text) {
        try {
            if (text.length() == 24 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                    && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.'
                    && text.charAt(23) == 'Z') {
                long day = LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)).toEpochDay();
                int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
                if (hour < 24 && minute < 60 && second < 60) {
                    return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second,
                            digits(text, 20, 3) * 1_000_000L);
                }
            }
            return Instant.parse(text);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private ActivityJson() {
    }
}

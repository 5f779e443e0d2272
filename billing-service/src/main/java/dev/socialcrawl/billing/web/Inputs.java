package dev.socialcrawl.billing.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/** Checks of request values, each failing with a 400 envelope that names the field or parameter. */
public final class Inputs {
    /** Largest amount one entry may move; keeps every sum far from bigint overflow. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;
    public static final int MAX_NAME = 200;
    public static final int MAX_NOTE = 500;
    public static final int MAX_REQUEST_ID = 128;
    private static final int DATE_LENGTH = "2026-12-01".length();

    private Inputs() {
    }

    public static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    public static <T> T body(T body) {
        if (body == null) {
            throw invalid("Invalid request body: a JSON object is required.");
        }
        return body;
    }

    public static String requiredText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw invalid("Invalid request body: field '" + field + "' is required and must not be blank.");
        }
        return checkLength(field, value.strip(), maxLength);
    }

    public static String optionalText(String field, String value, int maxLength) {
        return value == null || value.isBlank() ? null : checkLength(field, value.strip(), maxLength);
    }

    private static String checkLength(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw invalid("Invalid request body: field '" + field + "' is longer than " + maxLength + " characters.");
        }
        return value;
    }

    /** Request ids are opaque to billing but must be printable, URL-safe and short. */
    public static String requestId(String field, String value) {
        String id = requiredText(field, value, MAX_REQUEST_ID);
        if (!requestIdChars(id)) {
            throw invalid("Invalid request body: field '" + field + "' may contain only letters, digits and . _ : ~ -.");
        }
        return id;
    }

    /** An optional request id query parameter; {@code null} when absent. */
    public static String requestIdParam(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String id = raw.strip();
        if (id.length() > MAX_REQUEST_ID || !requestIdChars(id)) {
            throw invalid("Parameter '" + name + "' must be a request id: up to " + MAX_REQUEST_ID
                    + " letters, digits and . _ : ~ -.");
        }
        return id;
    }

    /** {@code [A-Za-z0-9._:~-]+} by hand: every debit, refund and settled id is checked. */
    private static boolean requestIdChars(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == ':' || c == '~' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static long positiveAmount(String field, Long value) {
        if (value == null) {
            throw invalid("Invalid request body: field '" + field + "' is required.");
        }
        if (value <= 0) {
            throw invalid("Invalid request body: field '" + field + "' must be a positive whole number of credits.");
        }
        return atMostMax(field, value);
    }

    public static long atMostMax(String field, long value) {
        if (Math.abs(value) > MAX_AMOUNT) {
            throw invalid("Invalid request body: field '" + field + "' must not exceed " + MAX_AMOUNT + " credits.");
        }
        return value;
    }

    public static long requiredId(String field, Long value) {
        if (value == null) {
            throw invalid("Invalid request body: field '" + field + "' is required.");
        }
        if (value <= 0) {
            throw invalid("Invalid request body: field '" + field + "' must be a positive integer.");
        }
        return value;
    }

    /** A numeric path segment; anything else is a 400 naming the segment, never a 500. */
    public static long pathId(String name, String raw) {
        long id = positiveLong(raw);
        if (id > 0) {
            return id;
        }
        throw invalid("Path parameter '" + name + "' must be a positive integer.");
    }

    /** An optional numeric query parameter; {@code null} when absent. */
    public static Long queryId(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        long id = positiveLong(raw);
        if (id > 0) {
            return id;
        }
        throw invalid("Parameter '" + name + "' must be a positive integer.");
    }

    /** The value when it is a positive integer, else 0. */
    private static long positiveLong(String raw) {
        try {
            return Math.max(0, Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code from}-like parameter: a date means that day's start in UTC; an instant is taken as it is. */
    public static Instant rangeStart(String name, String raw) {
        return dateOrInstant(name, raw, false);
    }

    /**
     * {@code to}-like parameter: a date means the end of that day in UTC (ranges end before the next day's start), so
     * {@code from=2026-03-01&to=2026-03-31} is all of March; an instant is taken as it is.
     */
    public static Instant rangeEnd(String name, String raw) {
        return dateOrInstant(name, raw, true);
    }

    private static Instant dateOrInstant(String name, String raw, boolean endOfDay) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        try {
            if (value.length() == DATE_LENGTH) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid("Parameter '" + name
                    + "' must be a date such as 2026-12-01 (UTC) or an ISO-8601 instant such as 2026-12-01T00:00:00Z.");
        }
    }

    public static void orderedRange(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("Parameter 'from' must be before parameter 'to'.");
        }
    }

    public static int limitParam(String raw, int defaultValue, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw invalid("Parameter 'limit' must be an integer from 1 to " + max + ".");
    }
}

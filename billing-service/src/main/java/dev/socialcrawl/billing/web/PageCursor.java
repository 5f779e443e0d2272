package dev.socialcrawl.billing.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Opaque keyset-paging cursors: base64url of {@code <kind>:<field>[:<field>…]}. The kind keeps one listing's cursor
 * out of another; the last field may itself contain {@code ':'} (request ids do).
 */
public final class PageCursor {
    private static final String INVALID = "Parameter 'cursor' is not a cursor this API returned.";

    private PageCursor() {
    }

    public static String encode(String kind, Object... fields) {
        String raw = kind + ":" + Arrays.stream(fields).map(String::valueOf).collect(Collectors.joining(":"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The fields of a cursor of this kind; {@code null} when there is none; a 400 when it is not one of ours. */
    public static List<String> decode(String cursor, String kind, int fields) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(kind + ":")) {
                String[] parts = raw.substring(kind.length() + 1).split(":", fields);
                if (parts.length == fields && Arrays.stream(parts).noneMatch(String::isEmpty)) {
                    return List.of(parts);
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64url: the 400 below
        }
        throw Inputs.invalid(INVALID);
    }

    /** A one-field cursor holding a positive id; 0 when there is none. */
    public static long decodeId(String cursor, String kind) {
        List<String> fields = decode(cursor, kind, 1);
        return fields == null ? 0 : positiveLong(fields.get(0));
    }

    /** A numeric field of a decoded cursor; a 400 when it is not a number. */
    public static long positiveLong(String field) {
        try {
            long value = Long.parseLong(field);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw Inputs.invalid(INVALID);
    }

    /** A signed numeric field of a decoded cursor (a balance, a time); a 400 when it is not a number. */
    public static long anyLong(String field) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw Inputs.invalid(INVALID);
        }
    }
}

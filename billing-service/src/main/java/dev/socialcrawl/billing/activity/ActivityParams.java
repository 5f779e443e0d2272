package dev.socialcrawl.billing.activity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.billing.web.PageCursor;

/** The query parameters of the activity routes and the dashboard's activity page, checked; each bad one is a 400 naming it. */
public final class ActivityParams {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_ENDPOINT = 2048;

    private ActivityParams() {
    }

    public static ActivityQuery query(Long accountId, String from, String to, String status, String endpoint, String requestId,
            String cursor, String limit) {
        Instant start = Inputs.rangeStart("from", from);
        Instant end = Inputs.rangeEnd("to", to);
        Inputs.orderedRange(start, end);
        int[] statuses = status(status);
        return new ActivityQuery(accountId, start, end, statuses == null ? null : statuses[0],
                statuses == null ? null : statuses[1], endpoint(endpoint), Inputs.requestIdParam("request_id", requestId),
                position(cursor), Inputs.limitParam(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    /** {@code 404} → 404..404, {@code 4xx} → 400..499; {@code null} when absent. */
    static int[] status(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.length() == 3 && value.charAt(0) >= '1' && value.charAt(0) <= '5') {
            int base = (value.charAt(0) - '0') * 100;
            if (value.endsWith("xx")) {
                return new int[] { base, base + 99 };
            }
            if (Character.isDigit(value.charAt(1)) && Character.isDigit(value.charAt(2))) {
                int code = Integer.parseInt(value);
                return new int[] { code, code };
            }
        }
        throw Inputs.invalid("Parameter 'status' must be a status code such as 404 or a class such as 4xx.");
    }

    private static String endpoint(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String path = raw.strip();
        if (!path.startsWith("/") || path.length() > MAX_ENDPOINT) {
            throw Inputs.invalid("Parameter 'endpoint' must be a path such as /v1/tiktok/profile.");
        }
        return path;
    }

    private static ActivityQuery.Position position(String cursor) {
        List<String> fields = PageCursor.decode(cursor, ActivityQueryService.CURSOR, 2);
        return fields == null ? null : new ActivityQuery.Position(PageCursor.anyLong(fields.get(0)), fields.get(1));
    }
}

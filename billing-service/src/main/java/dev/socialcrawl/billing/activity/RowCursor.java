package dev.socialcrawl.billing.activity;

import dev.socialcrawl.activity.ActivityRows;

/**
 * Walks the rows of an entry's text ({@link ActivityRows}) in place, a row per {@link #next()}: where it begins and
 * ends, and whether it is <em>storable as it is</em> — every field valid ({@link ActivityRecord#problem()}) and already
 * in the form a block keeps (escaped as {@link ActivityRows.Writer} escapes, numbers without sign or leading zero, a
 * query present, path and query within {@link ActivityRecord#MAX_TEXT}, no half of a surrogate pair). The gateway
 * writes only such rows; a block copies them unchanged, reading only their account, status and time. Any other row
 * is for {@link ActivityRecord#fromRows} to name its problem or rewrite it. Row boundaries are the same as
 * {@link ActivityRows#read}'s: a newline ends a row unless a backslash escapes it.
 */
final class RowCursor {
    private static final int FIELDS = ActivityRows.FIELDS.size();
    private static final int MAX_DIGITS = 18;

    private final String text;
    private int position;

    /** The current row: {@code text[start, end)} without its newline; {@code text[start, next)} with it. */
    int start;
    int end;
    int next;
    boolean storableAsIs;
    long accountId;
    int status;
    long atMillis;

    RowCursor(String text) {
        this.text = text;
    }

    /** Moves to the next row. @return false at the end of the text */
    boolean next() {
        int n = text.length();
        if (position >= n) {
            return false;
        }
        start = position;
        int field = 0;
        int fieldStart = start;
        int length = 0;
        boolean escaped = false;
        boolean ok = true;
        int i = start;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n') {
                ok = ok && field(field, fieldStart, i, length, escaped);
                field++;
                fieldStart = i + 1;
                length = 0;
                escaped = false;
                if (c == '\n') {
                    break;
                }
            } else if (c == '\\' && i + 1 < n) {
                char e = text.charAt(++i);
                if (e != '\\' && e != 't' && e != 'n' && e != 'r' && !(e == 'N' && isWholeNull(fieldStart, i))) {
                    ok = false;
                }
                escaped = true;
                length++;
            } else {
                if (c == '\0' || c == '\r' || c == '\\') {
                    ok = false;
                } else if (Character.isSurrogate(c)) { // a pair is one character; half of one cannot be stored
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                        length++;
                        i++;
                    } else {
                        ok = false;
                    }
                }
                length++;
            }
        }
        end = i;
        if (i == n) { // the text's last row, without its newline
            ok = ok && fieldStart < n && field(field, fieldStart, n, length, escaped);
            field++;
        }
        next = Math.min(i + 1, n);
        position = next;
        storableAsIs = ok && field == FIELDS;
        return true;
    }

    private boolean isWholeNull(int fieldStart, int escapeAt) {
        if (escapeAt - 1 != fieldStart) {
            return false;
        }
        return escapeAt + 1 == text.length() || text.charAt(escapeAt + 1) == '\t' || text.charAt(escapeAt + 1) == '\n';
    }

    private boolean field(int index, int from, int to, int length, boolean escaped) {
        boolean isNull = to - from == 2 && escaped && text.charAt(from) == '\\' && text.charAt(from + 1) == 'N';
        return switch (index) {
            case 0 -> !escaped && length >= 1 && length <= ActivityRecord.MAX_REQUEST_ID && visibleAscii(from, to);
            case 1 -> (accountId = number(from, to)) > 0;
            case 2 -> number(from, to) > 0;
            case 3, 8 -> (index == 8 && isNull) || (!isNull && length <= ActivityRecord.MAX_SHORT);
            case 4 -> !isNull && length >= 1 && length <= ActivityRecord.MAX_SHORT;
            case 5, 6 -> !isNull && length <= ActivityRecord.MAX_TEXT;
            case 7 -> to - from == 3 && text.charAt(from) >= '1' && text.charAt(from) <= '5'
                    && (status = (int) number(from, to)) >= 100;
            case 9 -> number(from, to) >= 0;
            case 10, 11 -> to - from == 1 && (text.charAt(from) == 't' || text.charAt(from) == 'f');
            case 12 -> {
                long latency = number(from, to);
                yield latency >= 0 && latency <= Integer.MAX_VALUE;
            }
            case 13 -> (atMillis = number(from, to)) >= 0;
            default -> false;
        };
    }

    /** The field as a number written without sign or leading zero, or -1. */
    private long number(int from, int to) {
        int digits = to - from;
        if (digits < 1 || digits > MAX_DIGITS || (digits > 1 && text.charAt(from) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private boolean visibleAscii(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}

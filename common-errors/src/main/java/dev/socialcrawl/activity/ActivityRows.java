package dev.socialcrawl.activity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text form of activity rows shared by the gateway (which writes them into the activity stream's {@code rows}
 * field) and billing (which reads them and copies them into PostgreSQL): one line per row, fields separated by tabs,
 * in PostgreSQL's {@code COPY} text escaping — backslash, tab, newline and carriage return as {@code \\ \t \n \r},
 * a missing value as {@code \N}. A NUL, which no PostgreSQL text can hold, is written as U+FFFD.
 * docs/internal-api.md, "Activity stream"; docs/decisions/009-activity-rows-by-copy.md.
 */
public final class ActivityRows {
    /** A row's fields, in their order: the contract of the activity stream's {@code rows}. */
    public static final List<String> FIELDS = List.of("request_id", "account_id", "key_id", "key_last4", "method", "path",
            "query", "status", "error_type", "credits", "cached", "replay", "latency_ms", "at");
    private static final String NULL = "\\N";

    private ActivityRows() {
    }

    /** Builds rows as UTF-8 bytes; call {@link #endRow()} after each row's last field. */
    public static final class Writer {
        private byte[] bytes;
        private int size;
        private boolean rowStarted;

        public Writer(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        public Writer text(String value) {
            separate();
            if (value == null) {
                return ascii(NULL);
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> ascii("\\\\");
                    case '\t' -> ascii("\\t");
                    case '\n' -> ascii("\\n");
                    case '\r' -> ascii("\\r");
                    case '\0' -> utf8("\uFFFD");
                    default -> {
                        if (c < 0x80) {
                            put((byte) c);
                        } else {
                            int end = i + 1;
                            while (end < value.length() && value.charAt(end) >= 0x80) {
                                end++;
                            }
                            utf8(value.substring(i, end));
                            i = end - 1;
                        }
                    }
                }
            }
            return this;
        }

        public Writer number(long value) {
            separate();
            return ascii(Long.toString(value));
        }

        public Writer bool(boolean value) {
            separate();
            return put((byte) (value ? 't' : 'f'));
        }

        public Writer endRow() {
            rowStarted = false;
            return put((byte) '\n');
        }

        public int size() {
            return size;
        }

        public byte[] toBytes() {
            return Arrays.copyOf(bytes, size);
        }

        private void separate() {
            if (rowStarted) {
                put((byte) '\t');
            }
            rowStarted = true;
        }

        private Writer ascii(String text) {
            room(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[size++] = (byte) text.charAt(i);
            }
            return this;
        }

        private void utf8(String text) {
            byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
            room(encoded.length);
            System.arraycopy(encoded, 0, bytes, size, encoded.length);
            size += encoded.length;
        }

        private Writer put(byte b) {
            room(1);
            bytes[size++] = b;
            return this;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /**
     * The rows of a text, each a list of its fields unescaped ({@code null} for {@code \N}). A last line without its
     * newline is still a row; an unknown escape ({@code \x}) stands for the character after the backslash, as in
     * PostgreSQL.
     */
    public static List<List<String>> read(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>(16);
        StringBuilder field = new StringBuilder(64);
        int fieldStart = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n') {
                fields.add(isNull(text, fieldStart, i) ? null : field.toString());
                field.setLength(0);
                fieldStart = i + 1;
                if (c == '\n') {
                    rows.add(fields);
                    fields = new ArrayList<>(16);
                }
            } else if (c == '\\' && i + 1 < n) {
                char e = text.charAt(++i);
                field.append(switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                field.append(c);
            }
        }
        if (fieldStart < n) {
            fields.add(isNull(text, fieldStart, n) ? null : field.toString());
            rows.add(fields);
        }
        return rows;
    }

    private static boolean isNull(String text, int from, int to) {
        return to - from == NULL.length() && text.startsWith(NULL, from);
    }
}

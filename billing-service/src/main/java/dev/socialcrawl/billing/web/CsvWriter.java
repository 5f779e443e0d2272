package dev.socialcrawl.billing.web;

/**
 * RFC 4180 CSV, safe to open in a spreadsheet: a text cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return is prefixed with {@code '} (OWASP, CSV injection), so no name, note, path or
 * id a customer or operator typed can run as a formula. Numbers are written as numbers: a cell that is exactly an
 * integer (a debit's {@code -5}) is data to every spreadsheet, and quoting it would turn amounts into text nobody
 * can sum. Every CSV billing writes goes through this class.
 */
public final class CsvWriter {
    public static final String MEDIA_TYPE = "text/csv";
    private static final String LINE_END = "\r\n";

    private final StringBuilder out = new StringBuilder();

    public CsvWriter(String... header) {
        row((Object[]) header);
    }

    /** One row; {@code null} is an empty cell, integers stay numbers, everything else is text. */
    public CsvWriter row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells[i]));
        }
        out.append(LINE_END);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return value.toString();
        }
        return text(value.toString());
    }

    static String text(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}

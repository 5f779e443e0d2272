package dev.socialcrawl.billing.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.socialcrawl.activity.ActivityRows;

/**
 * The drain's in-place check of an entry's rows: a row it calls storable as it is must be exactly the row a valid
 * record writes (so copying it is the same as reading and rewriting it), and its rows must be the reader's rows.
 */
class RowCursorTest {
    private static final ActivityRecord GATEWAY = new ActivityRecord("req-AaJP_dC0M1y6MOjoiJVOmmz5", 12L, 34L, "Ab9_",
            "GET", "/v1/tiktok/profile", "handle=charlidamelio", 200, null, 1L, true, false, 3L,
            Instant.parse("2026-12-07T10:00:00.123Z"));

    private static String row(ActivityRecord record) {
        ActivityRows.Writer writer = new ActivityRows.Writer(256);
        record.writeTo(writer);
        return new String(writer.toBytes(), StandardCharsets.UTF_8);
    }

    private static RowCursor only(String text) {
        RowCursor cursor = new RowCursor(text);
        assertTrue(cursor.next(), text);
        assertFalse(cursor.next(), "one row in " + text);
        return cursor;
    }

    @Test
    void aGatewayRowIsStorableAsItIsWithItsAccountStatusAndTime() {
        RowCursor cursor = only(row(GATEWAY));
        assertTrue(cursor.storableAsIs);
        assertEquals(12L, cursor.accountId);
        assertEquals(200, cursor.status);
        assertEquals(GATEWAY.at().toEpochMilli(), cursor.atMillis);
    }

    @Test
    void escapesNullsAndTextBeyondAsciiStayStorable() {
        ActivityRecord odd = new ActivityRecord("req-x", 1L, 2L, "", "GET", "/v1/a\\b\tc\nd\re", "q=ü€😀", 599,
                "upstream_error", 0L, false, true, 0L, Instant.ofEpochMilli(0));
        RowCursor cursor = only(row(odd));
        assertTrue(cursor.storableAsIs);
        assertEquals(599, cursor.status);
    }

    @Test
    void rowsNeedingARewriteOrRefusalAreNotStorableAsTheyAre() {
        String good = row(GATEWAY);
        String[] fields = good.substring(0, good.length() - 1).split("\t", -1);
        List<String> variants = new ArrayList<>();
        variants.add(with(fields, 1, "+12")); // a sign
        variants.add(with(fields, 1, "012")); // a leading zero
        variants.add(with(fields, 1, "0"));
        variants.add(with(fields, 2, "-3"));
        variants.add(with(fields, 6, "\\N")); // a missing query is stored as ""
        variants.add(with(fields, 5, "/" + "p".repeat(ActivityRecord.MAX_TEXT))); // cut when stored
        variants.add(with(fields, 5, "/a\\xb")); // an escape the writer never makes
        variants.add(with(fields, 5, "/a\rb"));
        variants.add(with(fields, 5, "/a\0b"));
        variants.add(with(fields, 0, "req 1"));
        variants.add(with(fields, 0, "\\N"));
        variants.add(with(fields, 7, "600"));
        variants.add(with(fields, 7, "099"));
        variants.add(with(fields, 7, "2000"));
        variants.add(with(fields, 10, "x"));
        variants.add(with(fields, 12, "2147483648"));
        variants.add(with(fields, 13, "-1"));
        variants.add(with(fields, 3, "k".repeat(ActivityRecord.MAX_SHORT + 1)));
        variants.add(with(fields, 4, ""));
        variants.add(with(fields, 8, "e".repeat(ActivityRecord.MAX_SHORT + 1)));
        variants.add(String.join("\t", fields) + "\textra\n");
        variants.add(String.join("\t", List.of(fields).subList(0, 13)) + "\n");
        for (String variant : variants) {
            RowCursor cursor = only(variant);
            assertFalse(cursor.storableAsIs, variant);
        }
    }

    private static String with(String[] fields, int index, String value) {
        String[] copy = fields.clone();
        copy[index] = value;
        return String.join("\t", copy) + "\n";
    }

    /**
     * Random texts made of valid rows, mutated ones and stray characters: the cursor's rows are the reader's rows,
     * and every row it calls storable as it is reads as a valid record that writes the same row again.
     */
    @Test
    void agreesWithTheReaderAndTheWriterOnRandomTexts() {
        Random random = new Random(20261207);
        String alphabet = "ab\\tNnr\t\n\r\0-+0159é😀 ";
        int storable = 0;
        for (int t = 0; t < 3000; t++) {
            StringBuilder text = new StringBuilder();
            int rows = 1 + random.nextInt(4);
            for (int r = 0; r < rows; r++) {
                StringBuilder row = new StringBuilder(row(GATEWAY));
                int mutations = random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    int at = random.nextInt(row.length());
                    if (random.nextBoolean()) {
                        row.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    } else {
                        row.deleteCharAt(at);
                    }
                }
                text.append(row);
            }
            String s = text.toString();
            RowCursor cursor = new RowCursor(s);
            List<String> cut = new ArrayList<>();
            int expectedStart = 0;
            while (cursor.next()) {
                assertEquals(expectedStart, cursor.start, s);
                String whole = s.substring(cursor.start, cursor.next);
                cut.add(whole);
                expectedStart = cursor.next;
                if (cursor.storableAsIs) {
                    storable++;
                    List<ActivityRecord> read = ActivityRecord.fromRows(whole);
                    assertEquals(1, read.size(), whole);
                    ActivityRecord record = read.get(0);
                    assertNull(record.problem(), whole);
                    assertEquals(record.accountId(), cursor.accountId);
                    assertEquals(record.status(), cursor.status);
                    assertEquals(record.at().toEpochMilli(), cursor.atMillis);
                    assertEquals(s.substring(cursor.start, cursor.end) + "\n", row(record), "copied as is: " + visible(whole));
                }
            }
            assertEquals(s.length(), expectedStart, "every character belongs to a row");
            List<List<String>> byReader = ActivityRows.read(s);
            List<List<String>> byCursor = new ArrayList<>();
            cut.forEach(row -> byCursor.addAll(ActivityRows.read(row)));
            assertEquals(byReader, byCursor, s);
        }
        assertTrue(storable > 1000, "the valid rows are most of them: " + storable);
    }

    private static String visible(String text) {
        return text.replace("\\", "<BS>").replace("\t", "<TAB>").replace("\n", "<LF>").replace("\r", "<CR>")
                .replace("\0", "<NUL>");
    }
}

package dev.socialcrawl.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The activity rows' text form: PostgreSQL's COPY text escaping, read back field for field. */
class ActivityRowsTest {

    @Test
    void fieldsAreTabSeparatedRowsEndInANewlineAndNullIsBackslashN() {
        byte[] rows = new ActivityRows.Writer(8).text("req-1").number(12).bool(true).text(null).text("2026-12-07").endRow()
                .text("").number(-3).bool(false).text("x").text("").endRow().toBytes();
        assertEquals("req-1\t12\tt\t\\N\t2026-12-07\n\t-3\tf\tx\t\n", new String(rows, StandardCharsets.UTF_8));
        assertEquals(List.of(Arrays.asList("req-1", "12", "t", null, "2026-12-07"), List.of("", "-3", "f", "x", "")),
                ActivityRows.read(new String(rows, StandardCharsets.UTF_8)));
    }

    @Test
    void tabsNewlinesBackslashesAndNonAsciiSurviveAndNulBecomesTheReplacementCharacter() {
        String hostile = "a\tb\\c\nd\re\\N ü 漢 😀 \\t";
        byte[] rows = new ActivityRows.Writer(4).text(hostile).text("\\N").text("x\0y").endRow().toBytes();
        String text = new String(rows, StandardCharsets.UTF_8);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line: " + text);
        assertEquals(List.of(List.of(hostile, "\\N", "x\uFFFDy")), ActivityRows.read(text));
    }

    @Test
    void aLastRowWithoutItsNewlineIsStillARowAndAnUnknownEscapeIsItsCharacter() {
        assertEquals(List.of(List.of("a", "b"), List.of("c", "qd")), ActivityRows.read("a\tb\nc\t\\qd"));
        assertEquals(List.of(), ActivityRows.read(""));
        assertEquals(List.of(Arrays.asList("N", null)), ActivityRows.read("N\t\\N"));
    }

    @Test
    void theWriterGrowsPastItsFirstCapacity() {
        String longText = "x".repeat(10_000);
        byte[] rows = new ActivityRows.Writer(1).text(longText).endRow().toBytes();
        assertArrayEquals((longText + "\n").getBytes(StandardCharsets.UTF_8), rows);
    }
}

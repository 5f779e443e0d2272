package dev.socialcrawl.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void textThatStartsLikeAFormulaIsPrefixedWithAQuote() {
        assertEquals("'=1+1", CsvWriter.cell("=1+1"));
        assertEquals("'+1", CsvWriter.cell("+1"));
        assertEquals("'-1", CsvWriter.cell("-1"), "text that looks like a number is still text");
        assertEquals("'@SUM(A1)", CsvWriter.cell("@SUM(A1)"));
        assertEquals("'\tx", CsvWriter.cell("\tx"));
        assertEquals("\"'\rx\"", CsvWriter.cell("\rx"));
        assertEquals("a=b", CsvWriter.cell("a=b"));
    }

    @Test
    void integersStayNumbersAndOtherValuesAreText() {
        assertEquals("-5", CsvWriter.cell(-5L));
        assertEquals("7", CsvWriter.cell(7));
        assertEquals("2026-12-06T20:00:00Z", CsvWriter.cell(Instant.parse("2026-12-06T20:00:00Z")));
        assertEquals("", CsvWriter.cell(null));
    }

    @Test
    void rfc4180QuotingStillApplies() {
        assertEquals("\"a,b\"", CsvWriter.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.cell("say \"hi\""));
        assertEquals("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", CsvWriter.cell("=HYPERLINK(\"x\",\"y\")"));
        assertEquals("h1,h2\r\n'-x,3\r\n", new CsvWriter("h1", "h2").row("-x", 3L).toString());
    }
}

package dev.socialcrawl.gateway.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void codeMarksBecomeCodeElementsAndEverythingElseIsEscaped() {
        assertEquals("Send <code>x-api-key</code> &amp; retry <code>&lt;later&gt;</code>.",
                Html.text("Send `x-api-key` & retry `<later>`."));
        assertEquals("plain &quot;text&quot; &#39;here&#39;", Html.text("plain \"text\" 'here'"));
        assertEquals("<code>a</code>", Html.text("`a`"));
        assertEquals("", Html.text(""));
    }

    @Test
    void everyTextColourHasAtLeastTheWcagAaContrastOnItsBackground() {
        for (String[] pair : Html.COLOUR_PAIRS) {
            double ratio = contrast(pair[0], pair[1]);
            assertTrue(ratio >= 4.5, pair[0] + " on " + pair[1] + " has contrast " + ratio);
        }
    }

    @Test
    void aPageDeclaresItsLanguageTitleAndEncodingAndRunsNoScript() {
        String page = new String(Html.page("A <title>", "<h1>x</h1>"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(page.contains("<meta charset=\"utf-8\">"));
        assertTrue(page.contains("<title>A &lt;title&gt;</title>"));
        assertTrue(!page.contains("<script") && !page.contains("src="), "no script, nothing loaded from elsewhere");
    }

    /** WCAG 2 contrast ratio of two sRGB colours written #rrggbb. */
    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}

package dev.socialcrawl.gateway.site;

import java.nio.charset.StandardCharsets;

/**
 * The markup every page shares: one document shape (language, title, a readable high-contrast style, no script),
 * and text escaping in which {@code `backticks`} become {@code <code>} (the ErrorCode texts are written that way).
 */
final class Html {
    static final String BACKGROUND = "#ffffff";
    static final String TEXT = "#1a1a1a";
    static final String MUTED_TEXT = "#4a4a4a";
    static final String LINK = "#0a4aa6";
    static final String CODE_BACKGROUND = "#f0f1f3";
    /** Every text colour on every background it is used on; each pair is checked against WCAG AA in the tests. */
    static final String[][] COLOUR_PAIRS = { { TEXT, BACKGROUND }, { MUTED_TEXT, BACKGROUND }, { LINK, BACKGROUND },
        { TEXT, CODE_BACKGROUND }, { LINK, CODE_BACKGROUND } };

    private static final String STYLE = """
            body{margin:0;background:%1$s;color:%2$s;font:1rem/1.6 system-ui,"Segoe UI",Roboto,sans-serif}
            header,main,footer{max-width:48rem;margin:0 auto;padding:0 1.25rem}
            header{padding-top:1rem}footer{padding-bottom:2rem;color:%3$s;font-size:.9rem}
            a{color:%4$s}a:focus-visible{outline:3px solid %4$s;outline-offset:2px}
            h1{font-size:1.75rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
            code{background:%5$s;padding:.05em .3em;border-radius:3px}
            pre{background:%5$s;padding:1rem;overflow-x:auto;border-radius:4px}pre code{padding:0}
            table{border-collapse:collapse;width:100%%}
            th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #c8ccd2;vertical-align:top}
            .status{font-size:1.1rem}
            """.formatted(BACKGROUND, TEXT, MUTED_TEXT, LINK, CODE_BACKGROUND);

    private Html() {
    }

    /** A whole page: {@code title} is plain text, {@code main} is markup. */
    static byte[] page(String title, String main) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n"
                + "<header><nav aria-label=\"Site\"><a href=\"/\">SocialCrawl</a> · <a href=\"/docs/api\">API "
                + "reference</a> · <a href=\"/docs/errors\">Errors</a> · <a href=\"/v1/status\">Status</a></nav>"
                + "</header>\n<main>\n" + main + "</main>\n<footer><p>Every error answer carries a "
                + "<code>request_id</code> (also in the <code>X-Request-Id</code> header): give it to the operator "
                + "of this install when you ask about a request.</p></footer>\n</body>\n</html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** Plain text with {@code `code`} marks, escaped for HTML. */
    static String text(String plain) {
        StringBuilder out = new StringBuilder(plain.length() + 32);
        boolean inCode = false;
        for (String part : plain.split("`", -1)) {
            out.append(escape(part)).append(inCode ? "</code>" : "<code>");
            inCode = !inCode;
        }
        // The loop adds a mark after every part; the last one belongs to no pair.
        int tail = inCode ? "<code>".length() : "</code>".length();
        return out.substring(0, out.length() - tail);
    }

    static String escape(String plain) {
        StringBuilder out = new StringBuilder(plain.length() + 16);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

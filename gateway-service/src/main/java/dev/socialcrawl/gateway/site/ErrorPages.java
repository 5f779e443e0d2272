package dev.socialcrawl.gateway.site;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.RefundRule;

/**
 * The pages every {@code doc_url} points at, written from the {@link ErrorCode} table: an index of every type and one
 * page per type with what it means, what happened to the credits, what to do and an example envelope.
 */
final class ErrorPages {
    static final String INDEX = "/docs/errors";

    private ErrorPages() {
    }

    /** The path of each page (the index, then one per slug) and its bytes. */
    static Map<String, byte[]> render(String docBaseUrl, ObjectWriter prettyJson) {
        Map<String, byte[]> pages = new LinkedHashMap<>();
        pages.put(INDEX, index());
        for (ErrorCode code : ErrorCode.values()) {
            pages.put(INDEX + "/" + code.slug(), page(code, docBaseUrl, prettyJson));
        }
        return pages;
    }

    /** The answer to a slug that names no error type. */
    static byte[] notFound() {
        return Html.page("No such error type · SocialCrawl", "<h1>No such error type</h1>\n"
                + "<p>This address names none of the API's error types. The <a href=\"" + INDEX + "\">list of error "
                + "types</a> has a page for each.</p>\n");
    }

    private static byte[] index() {
        StringBuilder main = new StringBuilder(4096).append("<h1>Error types</h1>\n")
                .append("<p>Every error answer of the API has the same JSON envelope: <code>success: false</code>, ")
                .append("an <code>error</code> object with <code>type</code>, <code>message</code>, ")
                .append("<code>status</code> and <code>doc_url</code> (a link to one of the pages below), ")
                .append("<code>credits_remaining</code> when the account is known, and <code>request_id</code>.</p>\n")
                .append("<table>\n<caption>The ").append(ErrorCode.values().length)
                .append(" error types, their HTTP status and what happens to the credits</caption>\n")
                .append("<thead><tr><th scope=\"col\">Type</th><th scope=\"col\">Status</th>")
                .append("<th scope=\"col\">What it is</th><th scope=\"col\">Credits</th></tr></thead>\n<tbody>\n");
        for (ErrorCode code : ErrorCode.values()) {
            main.append("<tr><td><a href=\"").append(INDEX).append('/').append(code.slug()).append("\"><code>")
                    .append(code.name()).append("</code></a></td><td>").append(code.status()).append("</td><td>")
                    .append(Html.escape(code.title())).append("</td><td>").append(credits(code.refundRule()))
                    .append("</td></tr>\n");
        }
        main.append("</tbody>\n</table>\n");
        return Html.page("Error types · SocialCrawl", main.toString());
    }

    private static byte[] page(ErrorCode code, String docBaseUrl, ObjectWriter prettyJson) {
        String main = "<h1><code>" + code.name() + "</code>: " + Html.escape(code.title()) + "</h1>\n"
                + "<p class=\"status\">HTTP status <strong>" + code.status() + "</strong></p>\n"
                + "<h2>What it means</h2>\n<p>" + Html.text(code.meaning()) + "</p>\n"
                + "<h2>Credits</h2>\n<p>" + Html.text(code.refundText()) + "</p>\n"
                + "<h2>What to do</h2>\n<p>" + Html.text(code.whatToDo()) + "</p>\n"
                + "<h2>Example</h2>\n<p>An answer with this error (status " + code.status() + "):</p>\n"
                + "<pre><code>" + Html.escape(example(code, docBaseUrl, prettyJson)) + "</code></pre>\n"
                + "<p><a href=\"" + INDEX + "\">All error types</a></p>\n";
        return Html.page(code.name() + " (" + code.status() + ") · SocialCrawl errors", main);
    }

    private static String example(ErrorCode code, String docBaseUrl, ObjectWriter prettyJson) {
        try {
            return prettyJson.writeValueAsString(code.exampleEnvelope(docBaseUrl));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope is always serialisable", e);
        }
    }

    private static String credits(RefundRule rule) {
        return switch (rule) {
            case NEVER_CHARGED -> "not charged";
            case CHARGED -> "charged";
            case REFUNDED -> "refunded";
            case REFUNDED_IF_EMPTY_UPSTREAM -> "refunded when the platform had no data; charged on an upstream 404";
        };
    }
}

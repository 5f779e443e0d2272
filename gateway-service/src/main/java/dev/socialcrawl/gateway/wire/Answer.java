package dev.socialcrawl.gateway.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A finished public response, free of any HTTP library: status, headers and a body (JSON, or HTML for the pages
 * meant for people), plus the label it gets in
 * {@code gateway_requests_total{cache=…}}. Built by one request's code, then handed to {@link AnswerWriter}, the one
 * class that puts answers on the wire.
 */
public final class Answer {
    public static final String HIT = "hit";
    public static final String MISS = "miss";
    public static final String STALE = "stale";
    public static final String NONE = "none";

    public static final String JSON = "application/json";
    public static final String HTML = "text/html; charset=utf-8";

    private final int status;
    private final byte[] body;
    private final String contentType;
    private final List<CharSequence> headers = new ArrayList<>(8);
    private String cacheLabel = NONE;
    private String errorType;

    private Answer(int status, byte[] body, String contentType) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
    }

    /** A JSON answer with no headers yet (the writer adds {@code Content-Type} and {@code X-Request-Id}). */
    public static Answer json(int status, byte[] body) {
        return new Answer(status, body, JSON);
    }

    /** An answer relayed as another service gave it (the dashboard's pages); {@code contentType} may be null. */
    public static Answer relayed(int status, String contentType, byte[] body) {
        return new Answer(status, body, contentType);
    }

    /** A page for people (the error pages, the landing page). */
    public static Answer html(int status, byte[] body) {
        return new Answer(status, body, HTML);
    }

    /** A file of a page (a script, a style sheet, an image) with its content type. */
    public static Answer file(byte[] body, String contentType) {
        return new Answer(200, body, contentType);
    }

    public Answer header(CharSequence name, CharSequence value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    public Answer cacheLabel(String label) {
        this.cacheLabel = label;
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    public String cacheLabel() {
        return cacheLabel;
    }

    /** The envelope's {@code error.type}, {@code null} for a success. */
    public String errorType() {
        return errorType;
    }

    Answer errorType(String type) {
        this.errorType = type;
        return this;
    }

    /** The first value of a header, {@code null} when absent (names compared ignoring case). */
    public String header(String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).toString().equalsIgnoreCase(name)) {
                return headers.get(i + 1).toString();
            }
        }
        return null;
    }

    public void forEachHeader(BiConsumer<CharSequence, CharSequence> action) {
        for (int i = 0; i < headers.size(); i += 2) {
            action.accept(headers.get(i), headers.get(i + 1));
        }
    }
}

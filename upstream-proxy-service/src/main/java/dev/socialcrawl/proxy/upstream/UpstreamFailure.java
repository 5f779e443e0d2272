package dev.socialcrawl.proxy.upstream;

/**
 * An upstream answer that counts as a failure for the platform's breaker: a 5xx, or a body that is not exactly one
 * JSON value (unreadable, with bytes after the value, or over {@code upstream.max-body-size}).
 */
public class UpstreamFailure extends RuntimeException {
    public enum Kind {
        SERVER_ERROR, UNREADABLE_BODY, TRAILING_BYTES, TOO_LARGE
    }

    private final Kind kind;
    private final int status;

    public UpstreamFailure(Kind kind, int status) {
        super(kind + " (HTTP " + status + ")", null, false, false);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }
}

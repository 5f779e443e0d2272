package dev.socialcrawl.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ends a request with an {@link ErrorCode}; the shared mapper turns it into the envelope. */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Long creditsRemaining;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code) {
        this(code, code.defaultMessage(), null, Map.of());
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, Map.of());
    }

    public ApiException(ErrorCode code, String message, Long creditsRemaining, Map<String, String> headers) {
        super(message == null ? code.defaultMessage() : message, null, false, false);
        this.code = code;
        this.creditsRemaining = creditsRemaining;
        this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    public ErrorCode code() {
        return code;
    }

    public Long creditsRemaining() {
        return creditsRemaining;
    }

    /** Extra response headers such as {@code Retry-After} or {@code Allow}. */
    public Map<String, String> headers() {
        return headers;
    }
}

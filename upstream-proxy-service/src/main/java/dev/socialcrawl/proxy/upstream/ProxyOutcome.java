package dev.socialcrawl.proxy.upstream;

import java.util.Map;

import dev.socialcrawl.errors.ErrorCode;

/**
 * The typed, transport-neutral answer the proxy gives the gateway: data, or an {@link ErrorCode} with its message and
 * headers. Only the response writer turns it into HTTP.
 */
public sealed interface ProxyOutcome {
    String EMPTY_HEADER = "X-Upstream-Empty";

    /** The HTTP status of this answer. */
    int status();

    /** 200: {@code body} is the JSON to send as is (normalised data, the untouched upstream bytes, the status view). */
    record Data(byte[] body) implements ProxyOutcome {
        @Override
        public int status() {
            return 200;
        }
    }

    /** The error envelope of {@code code} with {@code message}, plus {@code headers}. */
    record Failure(ErrorCode code, String message, Map<String, String> headers) implements ProxyOutcome {
        public Failure {
            headers = Map.copyOf(headers);
        }

        public Failure(ErrorCode code, String message) {
            this(code, message, Map.of());
        }

        @Override
        public int status() {
            return code.status();
        }
    }
}

package dev.socialcrawl.proxy.upstream;

import java.util.Map;

import dev.socialcrawl.errors.ErrorCode;

/** The typed answer the proxy gives the gateway: data, or an {@link ErrorCode} with its message and headers. */
public sealed interface ProxyOutcome {
    String EMPTY_HEADER = "X-Upstream-Empty";

    /** 200: {@code body} is the JSON to send as is (normalised data, or the untouched upstream bytes). */
    record Data(byte[] body) implements ProxyOutcome {
    }

    record Failure(ErrorCode code, String message, Map<String, String> headers) implements ProxyOutcome {
        public Failure {
            headers = Map.copyOf(headers);
        }
    }
}

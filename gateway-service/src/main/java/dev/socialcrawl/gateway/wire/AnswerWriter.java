package dev.socialcrawl.gateway.wire;

import jakarta.inject.Singleton;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The one place the gateway writes a response: every answer, success or error envelope, leaves through
 * {@link #write}. {@code X-Request-Id} is already on the response (common-errors' request id route). A client that
 * went away finds nothing written; the request's work (charge, settle, cache) has been done all the same.
 */
@Singleton
public class AnswerWriter {
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    public void write(HttpServerResponse response, Answer answer) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        MultiMap headers = response.headers();
        headers.add(CONTENT_TYPE, JSON);
        answer.forEachHeader(headers::add);
        response.end(Buffer.buffer(answer.body()));
    }
}

package dev.socialcrawl.gateway.wire;

import jakarta.inject.Singleton;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The one place the gateway writes a response: every answer, success or error envelope, leaves through
 * {@link #write}. {@code X-Request-Id} is already on the response (common-errors' request id route). A client that
 * went away finds nothing written; the request's work (charge, settle, cache) has been done all the same.
 */
@Singleton
public class AnswerWriter {
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence JSON = HttpHeaders.createOptimized(Answer.JSON);
    private static final String CONNECTION = "Connection";
    private static final String CLOSE = "close";

    public void write(HttpServerRequest request, Answer answer) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        MultiMap headers = response.headers();
        if (answer.contentType() != null) {
            headers.add(CONTENT_TYPE, Answer.JSON.equals(answer.contentType()) ? JSON : answer.contentType());
        }
        answer.forEachHeader(headers::add);
        if (CLOSE.equals(answer.header(CONNECTION))) {
            // An answer given before the request's body was read: the rest of it is not waited for.
            response.end(Buffer.buffer(answer.body())).onComplete(sent -> request.connection().close());
        } else {
            response.end(Buffer.buffer(answer.body()));
        }
    }
}

package dev.socialcrawl.proxy.upstream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;

/**
 * Reads one upstream answer into memory up to a limit. An answer that declares a longer body, or whose body passes
 * the limit while it streams in, fails at once with {@link UpstreamFailure.Kind#TOO_LARGE} and its request is reset
 * (for HTTP/1.1 the connection is closed), so nothing more is read. Exactly one of the callbacks is called once.
 */
final class BodyReader {
    private final long limit;
    private final Consumer<UpstreamClient.ReadBody> done;
    private final Consumer<Throwable> failed;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile HttpClientRequest request;

    BodyReader(long limit, Consumer<UpstreamClient.ReadBody> done, Consumer<Throwable> failed) {
        this.limit = limit;
        this.done = done;
        this.failed = failed;
    }

    /** The request on its way; kept so that an abandoned call can be reset. */
    void started(HttpClientRequest request) {
        this.request = request;
    }

    void read(HttpClientResponse response) {
        int status = response.statusCode();
        if (declaredLength(response) > limit) {
            tooLarge(status);
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (settled.get()) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                tooLarge(status);
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(this::fail);
        response.endHandler(v -> {
            if (settled.compareAndSet(false, true)) {
                done.accept(new UpstreamClient.ReadBody(status, body));
            }
        });
    }

    void fail(Throwable failure) {
        if (settled.compareAndSet(false, true)) {
            failed.accept(failure);
        }
    }

    /** The caller gave up (the guard's timeout): stop the call where it is. */
    void abandon() {
        if (settled.compareAndSet(false, true)) {
            reset();
        }
    }

    private void tooLarge(int status) {
        if (settled.compareAndSet(false, true)) {
            reset();
            failed.accept(new UpstreamFailure(UpstreamFailure.Kind.TOO_LARGE, status));
        }
    }

    private void reset() {
        HttpClientRequest r = request;
        if (r != null) {
            r.reset();
        }
    }

    private static long declaredLength(HttpClientResponse response) {
        String declared = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

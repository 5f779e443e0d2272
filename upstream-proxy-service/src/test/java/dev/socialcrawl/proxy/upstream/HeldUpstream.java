package dev.socialcrawl.proxy.upstream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

/**
 * A fake upstream that holds every request until the test releases it, then answers with
 * the status and body set for the next release. Lets a test choose the exact moment an upstream answer exists.
 */
public final class HeldUpstream extends JdkFakeUpstream {
    private static final long HOLD_LIMIT_SECONDS = 30;

    private final Semaphore gate = new Semaphore(0);
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile int status = 200;
    private volatile String body = "{}";

    /** Sets what released requests answer. */
    public void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /** Lets one held request answer. */
    public void releaseOne() {
        gate.release();
    }

    public int arrived() {
        return arrived.get();
    }

    public int answered() {
        return answered.get();
    }

    @Override
    void stop() {
        gate.release(Integer.MAX_VALUE / 2);
        super.stop();
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        arrived.incrementAndGet();
        try (exchange) {
            if (!gate.tryAcquire(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(504, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            answered.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

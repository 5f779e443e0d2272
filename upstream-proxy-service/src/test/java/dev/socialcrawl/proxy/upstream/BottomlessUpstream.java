package dev.socialcrawl.proxy.upstream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

/**
 * A fake upstream whose 200 body never ends: chunked JSON-looking bytes written until the
 * reader goes away. Counts the bytes it managed to write and the answers the reader broke off.
 */
public final class BottomlessUpstream extends JdkFakeUpstream {
    private static final byte[] CHUNK = chunk();

    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger brokenOff = new AtomicInteger();

    public long written() {
        return written.get();
    }

    public int brokenOff() {
        return brokenOff.get();
    }

    @Override
    void handle(HttpExchange exchange) {
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"items\":[\"".getBytes(StandardCharsets.US_ASCII));
            while (!Thread.currentThread().isInterrupted()) {
                out.write(CHUNK);
                written.addAndGet(CHUNK.length);
            }
        } catch (IOException e) {
            brokenOff.incrementAndGet();
        }
    }

    private static byte[] chunk() {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        return chunk;
    }
}

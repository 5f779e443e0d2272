package dev.socialcrawl.proxy.upstream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake upstream (the JDK's HTTP server) whose 200 body never ends: chunked JSON-looking bytes written until the
 * reader goes away. Counts the bytes it managed to write and the answers the reader broke off.
 */
public final class BottomlessUpstream {
    private static final byte[] CHUNK = chunk();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger brokenOff = new AtomicInteger();

    BottomlessUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::stream);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long written() {
        return written.get();
    }

    public int brokenOff() {
        return brokenOff.get();
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void stream(HttpExchange exchange) {
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"items\":[\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
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

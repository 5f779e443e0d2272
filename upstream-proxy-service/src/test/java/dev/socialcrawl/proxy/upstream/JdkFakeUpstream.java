package dev.socialcrawl.proxy.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A fake upstream on the JDK's HTTP server, for behaviour WireMock cannot script (held or endless answers). */
abstract class JdkFakeUpstream {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    JdkFakeUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** Starts answering; called once the subclass is fully built. */
    void start() {
        server.start();
    }

    /** Answers one request, on a thread of its own. */
    abstract void handle(HttpExchange exchange) throws IOException;

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }
}

package dev.socialcrawl.bench.servers;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;

/**
 * Runs the bare loopback server and the fake upstream in their own JVM, so their CPU and memory are apart from
 * the load generator's: {@code java -cp … dev.socialcrawl.bench.servers.BenchServers <barePort> <upstreamPort>}.
 * Stops when its standard input closes (the parent died or closed it) or on SIGTERM.
 */
public final class BenchServers {

    private BenchServers() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BenchServers <bare-port> <upstream-port>");
            System.exit(2);
        }
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
        // the upstream first: the harness takes an answering bare port as "both are ready"
        int upstream = new FakeUpstream(0).start(vertx, "127.0.0.1", Integer.parseInt(args[1]), instances);
        int bare = BareServer.start(vertx, "127.0.0.1", Integer.parseInt(args[0]), instances);
        System.out.println("bench servers ready: bare=" + bare + " upstream=" + upstream);
        System.out.flush();
        while (System.in.read() >= 0) {
            // drain until the parent closes our stdin
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}

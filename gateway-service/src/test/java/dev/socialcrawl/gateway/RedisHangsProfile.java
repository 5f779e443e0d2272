package dev.socialcrawl.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Points the gateway at a "Redis" that accepts connections and never answers, so only the gateway's own bound on
 * each Redis command ends the wait.
 */
public class RedisHangsProfile implements QuarkusTestProfile {
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + silentServer(), "gateway.redis-timeout", "1s");
    }

    private static int silentServer() {
        try {
            ServerSocket server = new ServerSocket(0);
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        HELD.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-redis");
            acceptor.setDaemon(true);
            acceptor.start();
            return server.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.socialcrawl.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the real Redis whose replies can be held back: commands reach Redis at once and are
 * carried out, but their answers wait until the test lets them go, as from a Redis or network that stalls; or a
 * connection is cut at a chosen command ({@link #cutAtCommand}). One per test JVM.
 */
public final class SlowRedisRelay {
    private static SlowRedisRelay instance;

    private static final CountDownLatch OPEN = new CountDownLatch(0);

    private final ServerSocket server;
    private volatile CountDownLatch replyGate = OPEN;
    private volatile String cutAt;
    private final AtomicInteger passBeforeCut = new AtomicInteger();

    private SlowRedisRelay(String host, int port) throws IOException {
        server = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket redis = new Socket(host, port);
                    pump(client.getInputStream(), redis.getOutputStream(), false, client, redis);
                    pump(redis.getInputStream(), client.getOutputStream(), true, client, redis);
                } catch (IOException e) {
                    return;
                }
            }
        }, "slow-redis-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static synchronized SlowRedisRelay instance() {
        if (instance == null) {
            try {
                instance = new SlowRedisRelay("127.0.0.1", 6379);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Replies read from Redis from now on wait for {@link #releaseReplies}. */
    public void holdReplies() {
        replyGate = new CountDownLatch(1);
    }

    /** Lets the held replies go, in order, and the next ones through at once. */
    public void releaseReplies() {
        CountDownLatch held = replyGate;
        replyGate = OPEN;
        held.countDown();
    }

    /**
     * Lets {@code pass} more {@code command}s through, then closes the connection that carries the next one before
     * Redis sees it, as a network or Redis failing at that moment; the connections after it work again.
     */
    public void cutAtCommand(String command, int pass) {
        passBeforeCut.set(pass);
        cutAt = "$" + command.length() + "\r\n" + command.toUpperCase(Locale.ROOT) + "\r\n";
    }

    public void noCut() {
        cutAt = null;
    }

    private boolean cutsHere(byte[] buf, int n) {
        String marker = cutAt;
        if (marker == null || !new String(buf, 0, n, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).contains(marker)) {
            return false;
        }
        if (passBeforeCut.getAndDecrement() > 0) {
            return false;
        }
        cutAt = null;
        return true;
    }

    private void pump(InputStream in, OutputStream out, boolean replies, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (a; b) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (replies) {
                        replyGate.await();
                    } else if (cutsHere(buf, n)) {
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed: the try closes both
            }
        }, replies ? "slow-redis-replies" : "slow-redis-commands");
        t.setDaemon(true);
        t.start();
    }
}

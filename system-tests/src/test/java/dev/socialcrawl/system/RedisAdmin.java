package dev.socialcrawl.system;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A few Redis commands over a plain socket for what the system tests look at behind the services' backs (memory of
 * one key prefix, filling Redis with unrelated keys). Replies: integers as Long, strings as String, arrays as List.
 */
final class RedisAdmin implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RedisAdmin() {
        URI uri = URI.create(System.getenv().getOrDefault("SYSTEM_REDIS", "redis://127.0.0.1:6379"));
        try {
            socket = new Socket(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object call(String... args) {
        write(args);
        flush();
        return read();
    }

    /** Sends every command before reading any reply (pipelined); the replies in order. */
    List<Object> pipeline(List<String[]> commands) {
        commands.forEach(this::write);
        flush();
        List<Object> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            replies.add(read());
        }
        return replies;
    }

    /** Every key under {@code pattern} (SCAN, so Redis is never blocked). */
    List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) reply.get(0);
            ((List<?>) reply.get(1)).forEach(k -> keys.add((String) k));
        } while (!"0".equals(cursor));
        return keys;
    }

    /** The bytes Redis uses for the keys under {@code pattern} (MEMORY USAGE of each). */
    long memoryOf(String pattern) {
        List<String[]> usage = new ArrayList<>();
        keys(pattern).forEach(k -> usage.add(new String[] { "MEMORY", "USAGE", k, "SAMPLES", "0" }));
        long total = 0;
        for (Object bytes : pipeline(usage)) {
            total += bytes == null ? 0 : (Long) bytes;
        }
        return total;
    }

    void deleteAll(String pattern) {
        List<String> keys = keys(pattern);
        for (int from = 0; from < keys.size(); from += 1000) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
            String[] command = new String[batch.size() + 1];
            command[0] = "UNLINK";
            for (int i = 0; i < batch.size(); i++) {
                command[i + 1] = batch.get(i);
            }
            call(command);
        }
    }

    private void write(String... args) {
        try {
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                sb.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object read() {
        try {
            int type = in.read();
            String line = line();
            return switch (type) {
                case '+' -> line;
                case '-' -> throw new IllegalStateException("Redis: " + line);
                case ':' -> Long.parseLong(line);
                case '$' -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        yield null;
                    }
                    byte[] bytes = in.readNBytes(n + 2);
                    yield new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int n = Integer.parseInt(line);
                    List<Object> items = new ArrayList<>(Math.max(n, 0));
                    for (int i = 0; i < n; i++) {
                        items.add(read());
                    }
                    yield n < 0 ? null : items;
                }
                default -> throw new IllegalStateException("unexpected Redis reply type " + (char) type);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

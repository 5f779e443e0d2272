package dev.socialcrawl.gateway.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Drops every key of a test run's prefix, over a plain RESP connection (the app's client may be gone by then). */
@SuppressWarnings("unchecked")
final class RedisCleanup {
    private RedisCleanup() {
    }

    static void dropPrefix(String host, int port, String prefix) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String cursor = "0";
            do {
                send(out, "SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
                List<Object> reply = (List<Object>) read(in);
                cursor = (String) reply.get(0);
                List<Object> keys = (List<Object>) reply.get(1);
                if (!keys.isEmpty()) {
                    List<String> args = new ArrayList<>();
                    args.add("UNLINK");
                    keys.forEach(k -> args.add((String) k));
                    send(out, args.toArray(String[]::new));
                    read(in);
                }
            } while (!"0".equals(cursor));
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not drop the test keys under " + prefix + ": " + e);
        }
    }

    private static void send(OutputStream out, String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+', ':' -> {
                return line;
            }
            case '-' -> throw new IOException(line);
            case '$' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(len + 2);
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default -> throw new IOException("unexpected RESP type " + (char) type);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }
}

package dev.socialcrawl.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes activity records into billing's activity stream ({@code {p}activity}) in the form billing still reads from
 * gateways older than the rows (docs/internal-api.md, "Activity stream"): one {@code XADD} with a JSON array in the
 * field {@code records}. The
 * activity page is then tested on records whose request ids only this test knows, whichever gateway runs beside it.
 */
final class ActivityStream {
    private final String host;
    private final int port;
    private final String stream;

    ActivityStream(String redisUri, String prefix) {
        URI uri = URI.create(redisUri);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 6379 : uri.getPort();
        this.stream = prefix + "activity";
    }

    /** One request as the gateway records it. */
    record Record(String requestId, long accountId, long keyId, String keyLast4, String path, String query, int status,
            String errorType, long credits, Instant at) {
        Map<String, Object> json() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("request_id", requestId);
            m.put("account_id", accountId);
            m.put("key_id", keyId);
            m.put("key_last4", keyLast4);
            m.put("method", "GET");
            m.put("path", path);
            m.put("query", query);
            m.put("status", status);
            m.put("error_type", errorType);
            m.put("credits", credits);
            m.put("cached", false);
            m.put("replay", false);
            m.put("latency_ms", 42);
            m.put("at", at.toString());
            return m;
        }
    }

    void add(List<Record> records) {
        List<Map<String, Object>> batch = new ArrayList<>();
        records.forEach(r -> batch.add(r.json()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(command("XADD", stream, "*", "records", Http.JSON.writeValueAsString(batch)));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first != '$') {
                throw new IllegalStateException("XADD " + stream + " answered " + (char) first + new String(in.readNBytes(200),
                        StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Redis at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static byte[] command(String... parts) {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            resp.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }
}

package dev.socialcrawl.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.gateway.support.GatewayTest;

/**
 * docs/api.md#limits: what the HTTP layer used to refuse with an empty answer — malformed escapes, an over-long request
 * line, over-large headers or body, unusual methods — gets the error envelope and X-Request-Id like any answer.
 */
@QuarkusTest
class HttpEdgesTest extends GatewayTest {
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest
    @ValueSource(strings = { "/v1/tiktok/profile?handle=%zz", "/v1/tiktok/profile?handle=abc%",
        "/v1/tiktok/pro%zzfile?handle=a" })
    void aMalformedEscapeIsA400Envelope(String target) throws IOException {
        String answer = raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEnvelope(answer, 400, "INVALID_REQUEST");
    }

    @Test
    void anOverLongRequestLineNamesItsLimit() throws IOException {
        String answer = raw("GET /v1/tiktok/profile?handle=" + "a".repeat(5_000)
                + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEnvelope(answer, 400, "INVALID_REQUEST");
        assertTrue(answer.contains("quarkus.http.limits.max-initial-line-length"), answer);
    }

    @Test
    void overLargeHeadersNameTheirLimit() throws IOException {
        String answer = raw("GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(25_000)
                + "\r\nConnection: close\r\n\r\n");
        assertEnvelope(answer, 400, "INVALID_REQUEST");
        assertTrue(answer.contains("quarkus.http.limits.max-header-size"), answer);
    }

    @Test
    void anOverLargeBodyNamesItsLimitBeforeItIsSent() throws IOException {
        String answer = raw("POST /v1/tiktok/profile HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n"
                + "Connection: close\r\n\r\n");
        assertEnvelope(answer, 400, "INVALID_REQUEST");
        assertTrue(answer.contains("quarkus.http.limits.max-body-size"), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = { "TRACE", "PROPFIND", "BREW", "HEAD", "OPTIONS", "DELETE" })
    void everyOtherMethodOnV1Is405WithAllow(String method) throws IOException {
        String answer = raw(method + " /v1/tiktok/profile?handle=a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 405 "), answer);
        assertTrue(answer.contains("\r\nAllow: GET\r\n"), answer);
        assertTrue(answer.contains("X-Request-Id: req-"), answer);
    }

    private static void assertEnvelope(String answer, int status, String type) {
        Matcher m = STATUS.matcher(answer);
        assertTrue(m.find(), answer);
        assertEquals(status, Integer.parseInt(m.group(1)), answer);
        assertTrue(answer.contains("\"type\":\"" + type + "\""), answer);
        Matcher id = Pattern.compile("(?i)\r\nX-Request-Id: (\\S+)\r\n").matcher(answer);
        assertTrue(id.find(), answer);
        assertTrue(answer.contains("\"request_id\":\"" + id.group(1) + "\""), answer);
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}

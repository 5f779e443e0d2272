package dev.socialcrawl.bench.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FakeUpstreamTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static FakeUpstream upstream;
    private static int port;
    private static int barePort;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        upstream = new FakeUpstream(0);
        port = upstream.start(vertx, "127.0.0.1", 0, 1);
        barePort = BareServer.start(vertx, "127.0.0.1", 0, 1);
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static HttpResponse<String> send(int target, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + path))
                .header("x-api-key", "upstream-key")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCatalogueCallAnswersAOneItemPostListSoNormalisationHasItems() throws Exception {
        HttpResponse<String> response = send(port, "GET", "/v1/tiktok/user/following?handle=alice");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode posts = new ObjectMapper().readTree(response.body()).path("posts");
        assertEquals(1, posts.size());
        assertEquals("1", posts.get(0).path("id").asText());
        assertTrue(upstream.servedWithApiKey() >= 1);
    }

    @Test
    void aValueWithALatencyPrefixIsAnsweredAfterThatManyMilliseconds() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send(port, "GET", "/v1/tiktok/user/following?handle=w150_slowone");
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, response.statusCode());
        assertTrue(tookMs >= 140, "answered after the 150 ms the handle asked for, took " + tookMs + " ms");
    }

    @Test
    void otherMethodsAndPathsAreNotFound() throws Exception {
        assertEquals(404, send(port, "POST", "/v1/tiktok/user/following?handle=a").statusCode());
        assertEquals(404, send(port, "GET", "/sandbox/tiktok/profile").statusCode());
        assertEquals(404, send(port, "GET", "/v1/tiktok").statusCode());
    }

    @Test
    void theBareServerAnswersTheSameJsonBodyOnAnyPath() throws Exception {
        HttpResponse<String> a = send(barePort, "GET", "/q/health/ready");
        HttpResponse<String> b = send(barePort, "POST", "/anything?x=1");

        assertEquals(200, a.statusCode());
        assertEquals(a.body(), b.body());
        assertTrue(new ObjectMapper().readTree(a.body()).path("success").asBoolean());
    }
}

package dev.socialcrawl.bench.scenario;

import dev.socialcrawl.bench.load.RequestSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Single set-up requests before a scenario (warming the cache, storing idempotency records). */
final class Prime {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Prime() {
    }

    /** Sends the request and fails with the answer when the status is not the expected one. */
    static HttpResponse<String> expect(RequestSpec spec, int status) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + spec.host() + ":" + spec.port() + spec.uri()))
                .timeout(Duration.ofSeconds(30))
                .method(spec.method(), spec.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(spec.body()));
        spec.headers().forEach(builder::header);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != status) {
                String body = response.body();
                throw new IllegalStateException(spec.method() + " " + spec.uri() + " answered " + response.statusCode()
                        + " (expected " + status + "): " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(spec.method() + " " + spec.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

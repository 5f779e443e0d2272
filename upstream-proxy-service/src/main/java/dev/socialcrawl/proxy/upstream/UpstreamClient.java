package dev.socialcrawl.proxy.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.proxy.config.PlatformPolicy;
import dev.socialcrawl.proxy.config.SelfBaseUrl;
import dev.socialcrawl.proxy.config.UpstreamConfig;

/**
 * The non-blocking HTTP call to a platform's provider ({@code GET {base}/v1/{platform}/{resource}?…},
 * docs/api.md#running-an-install), turned into an {@link UpstreamAnswer} or, for what counts against the breaker, an
 * exception.
 */
@ApplicationScoped
public class UpstreamClient {
    public static final String API_KEY_HEADER = "x-api-key";
    /** Connections per provider host; above every bulkhead so the pool never queues calls the bulkhead admitted. */
    private static final int MAX_POOL_SIZE = 1000;

    private final WebClient client;
    private final ObjectMapper mapper;
    private final UpstreamConfig config;
    private final SelfBaseUrl self;

    public UpstreamClient(Vertx vertx, ObjectMapper mapper, UpstreamConfig config, SelfBaseUrl self) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(MAX_POOL_SIZE)
                .setFollowRedirects(false)
                .setUserAgent("socialcrawl-upstream-proxy"));
        this.mapper = mapper;
        this.config = config;
        this.self = self;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Whether the platform has somewhere to go: its own or the global base URL, or the enabled sandbox. */
    public boolean hasUpstream(PlatformPolicy policy) {
        return policy.baseUrl().filter(b -> !b.isBlank()).isPresent() || config.sandbox().enabled();
    }

    public String baseUrl(PlatformPolicy policy) {
        String base = policy.baseUrl().filter(b -> !b.isBlank()).orElseGet(self::sandbox);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * One attempt plus up to {@code max-retries} more after a connection failure; the guard's timeout bounds all. A
     * connection failure is a refused connection, or a connection closed before the answer was complete: a kept-alive
     * connection the upstream closed for idleness just as this GET reused it (seen in the system tests against the
     * JDK's HTTP server, whose idle timeout is shorter than the client's keep-alive).
     */
    public Uni<UpstreamAnswer> get(PlatformPolicy policy, String resource, List<Map.Entry<String, String>> params,
            String requestId) {
        Uni<UpstreamAnswer> attempt = Uni.createFrom().deferred(() -> once(policy, resource, params, requestId));
        if (policy.maxRetries() > 0) {
            attempt = attempt.onFailure(e -> e instanceof ConnectException || e instanceof HttpClosedException)
                    .retry().atMost(policy.maxRetries());
        }
        return attempt;
    }

    private Uni<UpstreamAnswer> once(PlatformPolicy policy, String resource, List<Map.Entry<String, String>> params,
            String requestId) {
        String url = baseUrl(policy) + "/v1/" + policy.platform() + "/" + resource;
        HttpRequest<Buffer> request = client.getAbs(url)
                .timeout(policy.timeout().toMillis())
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader("Accept", "application/json");
        config.apiKey().filter(k -> !k.isBlank()).ifPresent(k -> request.putHeader(API_KEY_HEADER, k));
        params.forEach(p -> request.addQueryParam(p.getKey(), p.getValue()));
        return request.send().map(this::interpret);
    }

    UpstreamAnswer interpret(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 500) {
            throw new UpstreamFailure(UpstreamFailure.Kind.SERVER_ERROR, status);
        }
        if (status == 404) {
            return new UpstreamAnswer.NotFound();
        }
        if (status < 200 || status >= 300) {
            return new UpstreamAnswer.OtherStatus(status);
        }
        Buffer body = response.body();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        if (isBlank(bytes)) {
            return new UpstreamAnswer.NoBody();
        }
        try {
            JsonNode raw = mapper.readTree(bytes);
            if (raw == null || raw.isMissingNode()) {
                return new UpstreamAnswer.NoBody();
            }
            return new UpstreamAnswer.Json(raw, bytes);
        } catch (IOException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREADABLE_BODY, status);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}

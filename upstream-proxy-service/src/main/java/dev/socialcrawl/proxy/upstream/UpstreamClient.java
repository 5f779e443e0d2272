package dev.socialcrawl.proxy.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.proxy.config.PlatformPolicy;
import dev.socialcrawl.proxy.config.SelfBaseUrl;
import dev.socialcrawl.proxy.config.UpstreamConfig;

/**
 * The non-blocking HTTP call to a platform's provider ({@code GET {base}/v1/{platform}/{resource}?…},
 * docs/api.md#running-an-install), turned into an {@link UpstreamAnswer} or, for what counts against the breaker, an
 * exception. The body is read chunk by chunk and the call is abandoned (connection reset) as soon as it passes
 * {@code upstream.max-body-size}, so an upstream can never make the proxy hold more than that per call.
 */
@ApplicationScoped
public class UpstreamClient {
    public static final String API_KEY_HEADER = "x-api-key";
    /** Connections per provider host; above every bulkhead so the pool never queues calls the bulkhead admitted. */
    private static final int MAX_POOL_SIZE = 1000;

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final UpstreamConfig config;
    private final SelfBaseUrl self;
    private final long maxBodyBytes;

    public UpstreamClient(Vertx vertx, ObjectMapper mapper, UpstreamConfig config, SelfBaseUrl self) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(MAX_POOL_SIZE)
                .setKeepAlive(true));
        this.mapper = mapper;
        this.config = config;
        this.self = self;
        this.maxBodyBytes = config.maxBodySize().asLongValue();
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
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(baseUrl(policy) + "/v1/" + policy.platform() + "/" + resource + query(params))
                .setIdleTimeout(policy.timeout().toMillis())
                .setFollowRedirects(false)
                .putHeader(HttpHeaders.USER_AGENT, "socialcrawl-upstream-proxy")
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(RequestIds.HEADER, requestId);
        config.apiKey().filter(k -> !k.isBlank()).ifPresent(k -> options.putHeader(API_KEY_HEADER, k));
        return Uni.createFrom().<ReadBody>emitter(emitter -> {
            BodyReader reader = new BodyReader(maxBodyBytes, emitter::complete, emitter::fail);
            emitter.onTermination(reader::abandon);
            client.request(options)
                    .compose(request -> {
                        reader.started(request);
                        return request.send();
                    })
                    .onSuccess(reader::read)
                    .onFailure(reader::fail);
        }).map(this::interpret);
    }

    /** {@code ?a=b&c=d}, each name and value percent-encoded as UTF-8 (a space as {@code %20}). */
    static String query(List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            query.append(query.length() == 0 ? '?' : '&').append(encode(p.getKey())).append('=')
                    .append(encode(p.getValue()));
        }
        return query.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    UpstreamAnswer interpret(ReadBody response) {
        int status = response.status();
        if (status >= 500) {
            throw new UpstreamFailure(UpstreamFailure.Kind.SERVER_ERROR, status);
        }
        if (status == 404) {
            return new UpstreamAnswer.NotFound();
        }
        if (status < 200 || status >= 300) {
            return new UpstreamAnswer.OtherStatus(status);
        }
        byte[] bytes = response.body().getBytes();
        if (isBlank(bytes)) {
            return new UpstreamAnswer.NoBody();
        }
        return json(bytes, status);
    }

    /** Exactly one JSON value, with nothing but whitespace after it. */
    private UpstreamAnswer json(byte[] bytes, int status) {
        JsonParser parser;
        JsonNode raw;
        try {
            parser = mapper.createParser(bytes);
            raw = mapper.readTree(parser);
        } catch (IOException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREADABLE_BODY, status);
        }
        if (raw == null || raw.isMissingNode()) {
            return new UpstreamAnswer.NoBody();
        }
        if (hasMore(parser)) {
            throw new UpstreamFailure(UpstreamFailure.Kind.TRAILING_BYTES, status);
        }
        return new UpstreamAnswer.Json(raw, bytes);
    }

    /** Whether anything but whitespace follows the first JSON value. */
    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException e) {
            return true;
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

    /** Status and the complete body of an upstream answer. */
    record ReadBody(int status, Buffer body) {
    }
}

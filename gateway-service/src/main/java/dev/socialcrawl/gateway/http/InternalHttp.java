package dev.socialcrawl.gateway.http;

import java.net.URI;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

import dev.socialcrawl.gateway.config.GatewayConfig;

/**
 * A keep-alive connection pool to one internal service, set up from {@code gateway.clients.<name>.*} (url,
 * connect-timeout, read-timeout, pool-size, tls-configuration-name) and nothing else: the TCP connect is bounded by
 * connect-timeout, the wait for a pooled connection and every silence on it by read-timeout. Any HTTP answer is a
 * {@link Reply}; no answer (refused, reset, timed out) is a failed {@code Uni}. Callbacks run on the caller's
 * Vert.x context.
 */
public final class InternalHttp {
    public static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    /** An HTTP answer, whatever its status. */
    public record Reply(int status, MultiMap headers, Buffer body) {
        public String header(CharSequence name) {
            return headers.get(name);
        }
    }

    private final HttpClient client;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final String pathPrefix;
    private final long readTimeoutMs;

    private InternalHttp(HttpClient client, URI base, long readTimeoutMs) {
        this.client = client;
        this.ssl = "https".equalsIgnoreCase(base.getScheme());
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** The pool for one {@code gateway.clients.<name>}. */
    public static InternalHttp create(Vertx vertx, GatewayConfig.Client settings, TlsConfigurationRegistry tls,
            String name) {
        URI base = settings.url();
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setMaxPoolSize(settings.poolSize())
                .setKeepAlive(true)
                .setSsl(https)
                .setName("internal-" + name);
        if (https) {
            Optional<TlsConfiguration> configured = TlsConfiguration.from(tls, settings.tlsConfigurationName());
            configured.ifPresent(c -> {
                options.setTrustOptions(c.getTrustStoreOptions()).setKeyCertOptions(c.getKeyStoreOptions())
                        .setTrustAll(c.isTrustAll());
                c.getHostnameVerificationAlgorithm().ifPresent(algorithm -> options.setVerifyHost(
                        !"NONE".equalsIgnoreCase(algorithm)));
            });
            if (settings.tlsConfigurationName().isPresent() && configured.isEmpty()) {
                throw new IllegalStateException("gateway.clients." + name + ".tls-configuration-name names "
                        + settings.tlsConfigurationName().get() + ", which no quarkus.tls.* configuration defines");
            }
        }
        return new InternalHttp(vertx.createHttpClient(options), base, settings.readTimeout().toMillis());
    }

    public Uni<Reply> get(String pathAndQuery, MultiMap headers) {
        return send(HttpMethod.GET, pathAndQuery, headers, null);
    }

    public Uni<Reply> post(String path, MultiMap headers, Buffer body) {
        return send(HttpMethod.POST, path, headers, body);
    }

    /** Any method; {@code body} may be {@code null}. */
    public Uni<Reply> send(HttpMethod method, String pathAndQuery, MultiMap headers, Buffer body) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(pathPrefix + pathAndQuery)
                .setHeaders(headers)
                .setTimeout(readTimeoutMs);
        return Uni.createFrom().emitter(emitter -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(InternalHttp::reply)
                .onComplete(result -> {
                    if (result.succeeded()) {
                        emitter.complete(result.result());
                    } else {
                        emitter.fail(result.cause());
                    }
                }));
    }

    private static Future<Reply> reply(HttpClientResponse response) {
        return response.body().map(b -> new Reply(response.statusCode(), response.headers(), b));
    }

    /** Headers for one call; names are case-insensitive. */
    public static MultiMap headers() {
        return HttpHeaders.headers();
    }
}

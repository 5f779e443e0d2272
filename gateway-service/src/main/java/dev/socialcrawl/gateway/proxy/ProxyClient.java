package dev.socialcrawl.gateway.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;

import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.http.InternalHttp;
import dev.socialcrawl.gateway.http.InternalHttp.Reply;

/**
 * Calls the proxy ({@code GET /proxy/{platform}/{resource}} and {@code /proxy/status}, docs/internal-api.md) through a
 * plain Vert.x connection pool ({@code gateway.clients.proxy.*}) with the service token, and turns every possible
 * answer, or the lack of one, into a {@link ProxyOutcome}.
 */
@Singleton
public class ProxyClient {
    private static final Logger LOG = Logger.getLogger(ProxyClient.class);
    static final String UPSTREAM_EMPTY = "X-Upstream-Empty";
    static final String DEFAULT_RETRY_AFTER = "30";
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");
    private static final CharSequence TOKEN = HttpHeaders.createOptimized("X-Internal-Token");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final InternalHttp http;
    private final String token;
    private final JsonFactory json;
    private final ObjectReader envelopes;

    public ProxyClient(Vertx vertx, GatewayConfig config, TlsConfigurationRegistry tls, ObjectMapper mapper,
            @ConfigProperty(name = "proxy.internal-token") String token) {
        this.http = InternalHttp.create(vertx, config.clients().proxy(), tls, "proxy");
        this.token = token;
        this.json = mapper.getFactory();
        this.envelopes = mapper.readerFor(ErrorEnvelope.class);
    }

    public Uni<ProxyOutcome> fetch(Endpoint endpoint, Map<String, String> params, String requestId) {
        return http.get(uri(endpoint, params), headers(requestId))
                .map(this::outcome)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("The proxy could not be reached for %s: %s", endpoint.path(), String.valueOf(e));
                    return ProxyOutcome.failure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(),
                            false, null);
                });
    }

    /** The body of the proxy's {@code /proxy/status} when it answered 200, else empty. */
    public Uni<Optional<String>> status(String requestId) {
        return http.get("/proxy/status", headers(requestId)).map(r -> r.status() == 200
                ? Optional.of(r.body().toString(StandardCharsets.UTF_8))
                : Optional.<String>empty());
    }

    private MultiMap headers(String requestId) {
        MultiMap headers = InternalHttp.headers().add(TOKEN, token);
        if (requestId != null) {
            headers.add(REQUEST_ID, requestId);
        }
        return headers;
    }

    /** {@code resource} keeps its slashes ({@code profile/videos}); the catalogue allows only [a-z0-9-/] there. */
    static String uri(Endpoint endpoint, Map<String, String> params) {
        StringBuilder uri = new StringBuilder(128).append("/proxy/");
        encode(uri, endpoint.platform()).append('/').append(endpoint.resource());
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            encode(uri.append(separator), param.getKey()).append('=');
            encode(uri, param.getValue());
            separator = '&';
        }
        return uri.toString();
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, so every decoder reads the value back as sent. */
    private static StringBuilder encode(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
        return out;
    }

    private ProxyOutcome outcome(Reply r) {
        if (r.status() == 200) {
            return jsonOrError(r.body().toString(StandardCharsets.UTF_8));
        }
        String body = r.body().toString(StandardCharsets.UTF_8);
        ErrorEnvelope envelope = envelope(body);
        ErrorCode code = envelope == null ? null : envelope.code();
        if (code == null) {
            LOG.errorf("The proxy answered %d without a known error envelope", r.status());
            return ProxyOutcome.failure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(), false,
                    null);
        }
        boolean empty = "true".equalsIgnoreCase(r.header(UPSTREAM_EMPTY));
        String retryAfter = code == ErrorCode.SERVICE_UNAVAILABLE ? retryAfter(r) : null;
        String message = code == ErrorCode.INTERNAL_ERROR ? code.defaultMessage() : envelope.error().message();
        return ProxyOutcome.failure(code, message, empty, retryAfter);
    }

    /**
     * Usable data is one JSON value (what follows it is not looked at, as with {@code ObjectMapper.readTree}),
     * checked token by token without building a tree.
     */
    private ProxyOutcome jsonOrError(String body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("empty body");
            }
            parser.skipChildren();
            return ProxyOutcome.success(body);
        } catch (IOException | IllegalArgumentException e) {
            LOG.errorf("The proxy answered 200 with a body that is not JSON");
            return ProxyOutcome.failure(ErrorCode.UPSTREAM_ERROR, ErrorCode.UPSTREAM_ERROR.defaultMessage(), false,
                    null);
        }
    }

    private ErrorEnvelope envelope(String body) {
        try {
            return body.isEmpty() ? null : envelopes.readValue(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String retryAfter(Reply r) {
        String value = r.header("Retry-After");
        if (value != null && value.matches("\\d{1,6}") && Long.parseLong(value) >= 1) {
            return value;
        }
        return DEFAULT_RETRY_AFTER;
    }
}

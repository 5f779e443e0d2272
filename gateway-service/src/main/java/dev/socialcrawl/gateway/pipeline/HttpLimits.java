package dev.socialcrawl.gateway.pipeline;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The request-size limits of docs/api.md#limits, enforced by the front door so that a request over one gets the error
 * envelope naming the limit rather than the HTTP layer's empty answer. The limits are the operator's
 * {@code quarkus.http.limits.*}; the HTTP layer itself is let through to {@link #HEADROOM} times them, beyond which
 * (a request line over 16 KiB, headers over 80 KiB by default) it still refuses on its own, without an envelope.
 */
@Singleton
public class HttpLimits implements HttpServerOptionsCustomizer {
    static final int HEADROOM = 4;

    private final int maxInitialLine;
    private final long maxHeaders;
    private final long maxBody;

    public HttpLimits(
            @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096") int maxInitialLine,
            @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K") MemorySize maxHeaders,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody) {
        this.maxInitialLine = maxInitialLine;
        this.maxHeaders = maxHeaders.asLongValue();
        this.maxBody = maxBody.asLongValue();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setMaxInitialLineLength(maxInitialLine * HEADROOM)
                .setMaxHeaderSize((int) Math.min(Integer.MAX_VALUE, maxHeaders * HEADROOM));
    }

    /** The message of the first limit the request is over, {@code null} when it is within all of them. */
    String exceeded(String method, String uri, long headerBytes, String contentLength) {
        // "GET " + uri + " HTTP/1.1"
        if (method.length() + uri.length() + 10 > maxInitialLine) {
            return "The request line is longer than " + maxInitialLine
                    + " bytes (quarkus.http.limits.max-initial-line-length).";
        }
        if (headerBytes > maxHeaders) {
            return "The request headers are larger than " + maxHeaders + " bytes (quarkus.http.limits.max-header-size).";
        }
        if (contentLength != null && !withinBody(contentLength)) {
            return "The request body is larger than " + maxBody + " bytes (quarkus.http.limits.max-body-size).";
        }
        return null;
    }

    private boolean withinBody(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) <= maxBody;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

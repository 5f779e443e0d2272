package dev.socialcrawl.gateway.pipeline;

import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.http.InternalHttp;
import dev.socialcrawl.gateway.wire.Answer;
import dev.socialcrawl.gateway.wire.AnswerWriter;
import dev.socialcrawl.gateway.wire.Envelopes;

/**
 * The web dashboard (docs/dashboard.md) on the public address: {@code /dashboard} and everything under it, any
 * method, relayed to billing, which serves and owns it — path, query, body and cookies as they came, plus
 * {@code X-Forwarded-For/-Proto/-Host}; nothing else of billing is reachable this way. Credentials meant for the
 * internal or admin APIs are never passed on. Billing's answer goes out through {@link AnswerWriter} like any other.
 */
@Singleton
public class DashboardForwarder {
    static final String PREFIX = "/dashboard";
    static final String UNAVAILABLE = "The dashboard is temporarily unavailable; retry shortly.";
    private static final Logger LOG = Logger.getLogger(DashboardForwarder.class);
    /** Per-hop headers (RFC 9110 §7.6.1), and credentials for other APIs than the dashboard's own cookies. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "x-internal-token",
            "authorization", "x-api-key", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-request-id");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding", "trailer",
            "upgrade", "content-length", "content-type", "x-request-id");

    private final InternalHttp billing;
    private final AnswerWriter writer;
    private final Envelopes envelopes;

    public DashboardForwarder(Vertx vertx, GatewayConfig config, TlsConfigurationRegistry tls, AnswerWriter writer,
            Envelopes envelopes) {
        this.billing = InternalHttp.create(vertx, config.clients().billing(), tls, "dashboard");
        this.writer = writer;
        this.envelopes = envelopes;
    }

    static boolean handles(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    void forward(HttpServerRequest request, String requestId) {
        request.body().onComplete(read -> {
            if (read.failed()) {
                writer.write(request, envelopes.error(ErrorCode.INVALID_REQUEST, "The request body could not be read.",
                        null, requestId));
                return;
            }
            MultiMap headers = InternalHttp.headers();
            request.headers().forEach(h -> {
                if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    headers.add(h.getKey(), h.getValue());
                }
            });
            headers.add(RequestIds.HEADER, requestId);
            headers.add("X-Forwarded-For", request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
            headers.add("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
            if (request.authority() != null) {
                headers.add("X-Forwarded-Host", request.authority().toString());
            }
            billing.send(request.method(), request.uri(), headers, read.result().length() == 0 ? null : read.result())
                    .subscribe().with(reply -> writer.write(request, relayed(reply)), failure -> {
                        LOG.warnf("Billing did not answer a dashboard request: %s", String.valueOf(failure));
                        writer.write(request, envelopes.error(ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE, null,
                                requestId).header("Retry-After", "5"));
                    });
        });
        // Quarkus hands the route a paused request (it resumes only for handlers it wraps itself): without this the
        // body, even a GET's empty one, never arrives.
        request.resume();
    }

    private static Answer relayed(InternalHttp.Reply reply) {
        Answer answer = Answer.relayed(reply.status(), reply.header("Content-Type"), reply.body().getBytes());
        reply.headers().forEach(h -> {
            if (!NOT_RETURNED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                answer.header(h.getKey(), h.getValue());
            }
        });
        return answer;
    }
}

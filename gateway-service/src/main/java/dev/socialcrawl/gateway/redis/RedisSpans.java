package dev.socialcrawl.gateway.redis;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;

/**
 * One client span per Redis round trip of a traced request, named after its commands ({@code EXISTS GET GET ZCOUNT}):
 * the lanes are the gateway's own Vert.x client, which Quarkus does not trace. Round trips outside a traced request
 * (the outbox drain, the activity queue's jobs) get none. Tracing off ({@code quarkus.otel.sdk.disabled=true}) there is
 * no tracer: {@link #start} answers null at once and {@link #end} hands the reply back untouched.
 */
@Singleton
public class RedisSpans {
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
    private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");

    private final Tracer tracer;

    public RedisSpans(OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = disabled ? null : openTelemetry.getTracer("dev.socialcrawl.gateway.redis");
    }

    /** The span of a round trip with one command, or null. */
    Span start(Request request) {
        return tracer == null ? null : start(name(request), 1);
    }

    /** The span of a round trip with these commands written together, or null. */
    Span start(List<Request> requests) {
        if (tracer == null) {
            return null;
        }
        StringJoiner names = new StringJoiner(" ");
        for (Request request : requests) {
            names.add(name(request));
        }
        return start(names.toString(), requests.size());
    }

    /** Ends the span (if any) when the reply is in, marking a failure. */
    <T> Future<T> end(Span span, Future<T> reply) {
        if (span == null) {
            return reply;
        }
        return reply.onComplete(result -> {
            if (result.failed()) {
                span.recordException(result.cause());
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    private Span start(String commands, int size) {
        Context parent = Context.current();
        if (!Span.fromContext(parent).isRecording()) {
            return null;
        }
        SpanBuilder span = tracer.spanBuilder(commands).setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute(SYSTEM, "redis").setAttribute(OPERATION, commands);
        if (size > 1) {
            span.setAttribute(BATCH_SIZE, (long) size);
        }
        return span.startSpan();
    }

    private static String name(Request request) {
        return request.command().toString().toUpperCase(Locale.ROOT);
    }
}

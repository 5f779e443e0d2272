package dev.socialcrawl.errors.rest;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.vertx.ext.web.Router;

import dev.socialcrawl.errors.RequestIds;

/**
 * Tracing on: the request id is the attribute {@code request.id} of the request's server span (set right after
 * common-errors gave the request its id) and of every span started under it in this service (copied from the parent
 * when a span starts). Tracing off ({@code quarkus.otel.sdk.disabled=true}): the route is not registered and the SDK
 * never calls the processor, so a request does no work here.
 */
@Singleton
public class RequestIdSpans implements SpanProcessor {
    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("request.id");

    private final boolean enabled;

    public RequestIdSpans(@ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.enabled = !disabled;
    }

    void register(@Observes Router router) {
        if (enabled) {
            router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
                Span.current().setAttribute(REQUEST_ID, rc.<String>get(RequestIds.MDC_KEY));
                rc.next();
            });
        }
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        if (span.getAttribute(REQUEST_ID) == null && Span.fromContext(parent) instanceof ReadableSpan parentSpan) {
            String id = parentSpan.getAttribute(REQUEST_ID);
            if (id != null) {
                span.setAttribute(REQUEST_ID, id);
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        // nothing: the attribute is set when the span starts
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}

package dev.socialcrawl.errors.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.errors.RequestIds;

/** The request id {@link RequestIdRoute} gave the HTTP request being served. */
@ApplicationScoped
public class CurrentRequestId {
    private final CurrentVertxRequest currentVertxRequest;

    public CurrentRequestId(CurrentVertxRequest currentVertxRequest) {
        this.currentVertxRequest = currentVertxRequest;
    }

    /** The current id; a fresh one when called outside an HTTP request (never {@code null}). */
    public String get() {
        RoutingContext rc = currentVertxRequest.getCurrent();
        if (rc != null) {
            String id = rc.get(RequestIds.MDC_KEY);
            if (id != null) {
                return id;
            }
        }
        return RequestIds.newId();
    }
}

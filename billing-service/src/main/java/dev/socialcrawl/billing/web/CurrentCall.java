package dev.socialcrawl.billing.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/** The caller, method and path of the HTTP request being served, kept on its routing context like its request id. */
@ApplicationScoped
public class CurrentCall {
    private static final String CALLER = "billing.caller";

    private final CurrentVertxRequest currentVertxRequest;

    public CurrentCall(CurrentVertxRequest currentVertxRequest) {
        this.currentVertxRequest = currentVertxRequest;
    }

    /** Set by the token filter for the APIs and by the dashboard for its signed-in user. */
    public void caller(Caller caller) {
        routingContext().put(CALLER, caller);
    }

    /** @throws IllegalStateException outside a request the token filter let through: a write needs a caller */
    public Caller caller() {
        Caller caller = routingContext().get(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }

    public String method() {
        return routingContext().request().method().name();
    }

    public String path() {
        return routingContext().normalizedPath();
    }

    private RoutingContext routingContext() {
        RoutingContext rc = currentVertxRequest.getCurrent();
        if (rc == null) {
            throw new IllegalStateException("not inside an HTTP request");
        }
        return rc;
    }
}

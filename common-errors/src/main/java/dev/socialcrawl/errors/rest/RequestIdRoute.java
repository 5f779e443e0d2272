package dev.socialcrawl.errors.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.errors.RequestIds;

/**
 * Gives every HTTP request of the service a request id before any other handler runs (REST, unknown paths, and
 * health and metrics on the management interface alike), puts it in the MDC and in the {@code X-Request-Id} response header.
 * Internal services keep a well-formed id passed by the caller so one id follows a request across services;
 * the public gateway sets {@code errors.request-id.accept-incoming=false} and always makes its own.
 */
@ApplicationScoped
public class RequestIdRoute {
    private final boolean acceptIncoming;

    public RequestIdRoute(
            @ConfigProperty(name = "errors.request-id.accept-incoming", defaultValue = "true") boolean acceptIncoming) {
        this.acceptIncoming = acceptIncoming;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    void registerOnManagement(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    private void assign(RoutingContext rc) {
        String incoming = rc.request().getHeader(RequestIds.HEADER);
        String id = acceptIncoming && RequestIds.isValid(incoming) ? incoming : RequestIds.newId();
        rc.put(RequestIds.MDC_KEY, id);
        MDC.put(RequestIds.MDC_KEY, id);
        rc.response().putHeader(RequestIds.HEADER, id);
        rc.next();
    }
}

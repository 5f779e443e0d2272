package dev.socialcrawl.proxy.rest;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.proxy.upstream.ProxyOutcome;

/**
 * The request-line check Quarkus makes before any route (the URI must parse), for the paths outside {@code /proxy},
 * answered with the INVALID_REQUEST envelope instead of Quarkus' empty 400. {@link dev.socialcrawl.proxy.ProxyMain}
 * turns Quarkus' own check off so that the {@link ProxyRoute} door can decode {@code /proxy} request lines itself.
 */
@Singleton
public class RequestLineCheck {
    private final ProxyResponseWriter writer;

    public RequestLineCheck(ProxyResponseWriter writer) {
        this.writer = writer;
    }

    void register(@Observes Router router) {
        router.route().order(ProxyRoute.ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        if (ProxyRequest.isProxyPath(rc.request().path()) || parses(rc.request().uri())) {
            rc.next();
            return;
        }
        writer.write(rc, new ProxyOutcome.Failure(ErrorCode.INVALID_REQUEST,
                "The request line is not a valid URI (malformed percent-encoding or a character that must be encoded)."));
    }

    private static boolean parses(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

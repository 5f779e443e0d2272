package dev.socialcrawl.billing.dashboard.pages;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * Redirects after a form (POST, redirect, GET) with the path as given: the Location stays relative to the host the
 * browser asked (the gateway's public address), where JAX-RS would make it absolute with billing's own host.
 */
final class Redirects {
    private static final int SEE_OTHER = 303;

    private Redirects() {
    }

    static Response seeOther(String path, NewCookie... cookies) {
        return Response.status(SEE_OTHER).header(HttpHeaders.LOCATION, path).cookie(cookies).build();
    }
}

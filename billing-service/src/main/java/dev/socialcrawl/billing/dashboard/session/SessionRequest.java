package dev.socialcrawl.billing.dashboard.session;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The session token a dashboard request presented in its cookie, for {@link SessionIdentityProvider}. */
public class SessionRequest extends BaseAuthenticationRequest {
    private final String token;

    public SessionRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}

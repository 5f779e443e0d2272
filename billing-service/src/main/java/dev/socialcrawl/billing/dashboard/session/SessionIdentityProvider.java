package dev.socialcrawl.billing.dashboard.session;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a session token into the signed-in user, or fails when the session does not exist or has ended. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionRequest> {
    private final SessionStore sessions;
    private final Clock clock;

    public SessionIdentityProvider(SessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Class<SessionRequest> getRequestType() {
        return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.use(request.token(), clock.instant())
                .map(DashboardIdentity::of)
                .orElseThrow(() -> new AuthenticationFailedException("no such session, or it has ended")));
    }
}

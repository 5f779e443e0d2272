package dev.socialcrawl.billing.dashboard.session;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Dashboard requests authenticate with the session cookie; nothing else in billing uses Quarkus Security (the APIs
 * have their tokens, checked by the token filter), so other paths stay anonymous without a look. A cookie whose
 * session has ended leaves the request anonymous, so the sign-in page still opens; a page that needs a user then
 * redirects to the sign-in page, saying the session ended.
 */
@ApplicationScoped
public class SessionAuthMechanism implements HttpAuthenticationMechanism {
    static final String ENDED = "dashboard.session-ended";
    private static final int FOUND = 302;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!DashboardPaths.isDashboard(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        SessionRequest request = new SessionRequest(cookie.getValue());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request)
                .onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
                    context.put(ENDED, Boolean.TRUE);
                    return null;
                });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String location = Boolean.TRUE.equals(context.get(ENDED)) ? DashboardPaths.SIGN_IN + "?ended=1" : DashboardPaths.SIGN_IN;
        return Uni.createFrom().item(new ChallengeData(FOUND, "Location", location));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }
}

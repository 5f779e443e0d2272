package dev.socialcrawl.billing.dashboard.pages;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

import dev.socialcrawl.billing.dashboard.session.DashboardIdentity;
import dev.socialcrawl.billing.dashboard.session.DashboardPaths;
import dev.socialcrawl.billing.web.Caller;
import dev.socialcrawl.billing.web.CurrentCall;

/**
 * For every dashboard page request of a signed-in user: the user becomes the caller the audit log names for any write
 * this request makes, and a user who must still choose its own password sees nothing but the password page. Bound to
 * the page resources ({@link DashboardPage}), so no other request pays for it.
 */
public class DashboardFilter {
    static final String PASSWORD = "/dashboard/password";
    private static final Set<String> BEFORE_PASSWORD_CHANGE = Set.of(PASSWORD, "/dashboard/logout", DashboardPaths.SIGN_IN);
    private static final int SEE_OTHER = 303;

    private final CurrentIdentityAssociation identities;
    private final CurrentCall call;

    public DashboardFilter(CurrentIdentityAssociation identities, CurrentCall call) {
        this.identities = identities;
        this.call = call;
    }

    @DashboardPage
    @ServerRequestFilter
    public Uni<Response> signedInUser(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return identities.getDeferredIdentity().map(identity -> {
            if (!DashboardIdentity.signedIn(identity)) {
                return null;
            }
            call.caller(Caller.user(DashboardIdentity.name(identity)));
            if (DashboardIdentity.mustChangePassword(identity) && !BEFORE_PASSWORD_CHANGE.contains(path)) {
                return Response.status(SEE_OTHER).header("Location", PASSWORD).build();
            }
            return null;
        });
    }
}

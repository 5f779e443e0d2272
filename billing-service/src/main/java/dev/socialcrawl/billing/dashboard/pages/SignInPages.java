package dev.socialcrawl.billing.dashboard.pages;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.billing.dashboard.session.ClientAddress;
import dev.socialcrawl.billing.dashboard.session.DashboardIdentity;
import dev.socialcrawl.billing.dashboard.session.DashboardPaths;
import dev.socialcrawl.billing.dashboard.session.SessionCookie;
import dev.socialcrawl.billing.dashboard.session.SignIn;
import dev.socialcrawl.billing.dashboard.user.DashboardUserService;
import dev.socialcrawl.billing.dashboard.user.Passwords;
import dev.socialcrawl.billing.dashboard.view.Chrome;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.rest.CurrentRequestId;

/** Signing in and out, the landing redirect, and choosing a password (forced at the first sign-in). */
@Path("/dashboard")
@DashboardPage
@Blocking
@Produces(Pages.HTML)
public class SignInPages {
    private static final int UNAUTHORIZED = 401;
    private static final int TOO_MANY = 429;
    private static final int BAD_REQUEST = 400;

    private final SignIn signIn;
    private final ClientAddress addresses;
    private final SessionCookie cookies;
    private final DashboardUserService users;
    private final Passwords passwords;
    private final SecurityIdentity identity;
    private final CurrentRequestId requestId;
    private final RoutingContext routingContext;
    private final Viewer viewer;

    public SignInPages(SignIn signIn, ClientAddress addresses, SessionCookie cookies, DashboardUserService users,
            Passwords passwords, SecurityIdentity identity, CurrentRequestId requestId, RoutingContext routingContext,
            Viewer viewer) {
        this.signIn = signIn;
        this.addresses = addresses;
        this.cookies = cookies;
        this.users = users;
        this.passwords = passwords;
        this.identity = identity;
        this.requestId = requestId;
        this.routingContext = routingContext;
        this.viewer = viewer;
    }

    /** The landing page: a customer's account, the billing team's account search, or the sign-in page. */
    @GET
    @PermitAll
    public Response home() {
        if (!DashboardIdentity.signedIn(identity)) {
            return Redirects.seeOther(DashboardPaths.SIGN_IN);
        }
        return Redirects.seeOther(DashboardIdentity.role(identity).seesAllAccounts() ? Section.ACCOUNTS.path : Section.OVERVIEW.path);
    }

    @GET
    @Path("login")
    @PermitAll
    public Response loginPage(@QueryParam("ended") String ended, @QueryParam("signed_out") String signedOut) {
        if (DashboardIdentity.signedIn(identity)) {
            return Redirects.seeOther(DashboardPaths.ROOT);
        }
        String notice = ended != null ? "Your session has ended. Please sign in again."
                : signedOut != null ? "You are signed out." : null;
        return Response.ok(Pages.login(chrome("Sign in"), null, notice, "")).build();
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("name") String name, @FormParam("password") String password) {
        SignIn.Outcome outcome = signIn.attempt(name, password, addresses.of(routingContext));
        String typed = name == null ? "" : name.strip();
        if (outcome instanceof SignIn.Outcome.Success success) {
            return Redirects.seeOther(success.mustChangePassword() ? DashboardFilter.PASSWORD : DashboardPaths.ROOT,
                    cookies.of(success.token()));
        }
        if (outcome instanceof SignIn.Outcome.Limited limited) {
            long minutes = Math.max(1, (limited.retryAfter().getSeconds() + 59) / 60);
            return Response.status(TOO_MANY).header("Retry-After", Math.max(1, limited.retryAfter().getSeconds()))
                    .entity(Pages.login(chrome("Sign in"), "Too many failed sign-ins. Try again in " + minutes
                            + (minutes == 1 ? " minute." : " minutes."), null, typed))
                    .build();
        }
        return Response.status(UNAUTHORIZED)
                .entity(Pages.login(chrome("Sign in"), "The name or the password is not right.", null, typed)).build();
    }

    @POST
    @Path("logout")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@CookieParam(SessionCookie.NAME) String token) {
        if (token != null) {
            signIn.signOut(token);
        }
        return Redirects.seeOther(DashboardPaths.SIGN_IN + "?signed_out=1", cookies.cleared());
    }

    @GET
    @Path("password")
    @Authenticated
    public Response passwordPage() {
        return Response.ok(passwordForm(null)).build();
    }

    /** The user's own password: the current one, the new one twice. All other sessions of the user end. */
    @POST
    @Path("password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@FormParam("current_password") String current, @FormParam("new_password") String chosen,
            @FormParam("confirm_password") String confirm) {
        if (chosen == null || !chosen.equals(confirm)) {
            return Response.status(BAD_REQUEST).entity(passwordForm("The new password and its confirmation differ.")).build();
        }
        long userId = DashboardIdentity.userId(identity);
        Instant set;
        try {
            set = users.changeOwnPassword(userId, current, chosen);
        } catch (ApiException e) {
            return Response.status(e.code().status()).entity(passwordForm(e.getMessage())).build();
        }
        return Redirects.seeOther(DashboardPaths.ROOT, cookies.of(signIn.renew(userId, set)));
    }

    /** A user who must choose a password first gets no navigation: every other page sends it back here. */
    private TemplateInstance passwordForm(String error) {
        boolean forced = DashboardIdentity.mustChangePassword(identity);
        Chrome chrome = forced
                ? new Chrome("Choose a password", requestId.get(), DashboardIdentity.name(identity),
                        DashboardIdentity.role(identity).wire(), List.of(), null, null, false, List.of())
                : viewer.chrome("Password", Section.PASSWORD, null);
        return Pages.password(chrome, error, forced, passwords.minLength());
    }

    private Chrome chrome(String title) {
        return Chrome.anonymous(title, requestId.get());
    }
}

package dev.socialcrawl.billing.dashboard.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import dev.socialcrawl.billing.config.BillingConfig;

/**
 * The session cookie: the session's token, for {@code /dashboard} only, out of scripts' reach (HttpOnly), never sent
 * by another site's request (SameSite=Strict), HTTPS-only unless {@code billing.dashboard.secure-cookies} is off. No
 * expiry: the browser forgets it when closed, and the server ends the session anyway.
 */
@ApplicationScoped
public class SessionCookie {
    public static final String NAME = "sc_dashboard_session";

    private final boolean secure;

    public SessionCookie(BillingConfig config) {
        this.secure = config.dashboard().secureCookies();
    }

    public NewCookie of(String token) {
        return builder(token).build();
    }

    /** Tells the browser to drop the cookie (sign-out, a session that ended). */
    public NewCookie cleared() {
        return builder("").maxAge(0).expiry(new java.util.Date(0)).build();
    }

    private NewCookie.Builder builder(String value) {
        return new NewCookie.Builder(NAME).value(value).path(DashboardPaths.ROOT).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT);
    }
}

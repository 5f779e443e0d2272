package dev.socialcrawl.billing.dashboard.session;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import dev.socialcrawl.billing.dashboard.user.Role;

/**
 * A signed-in dashboard user as Quarkus Security sees it: the principal is the user's name, its one role is the
 * user's role ({@code @RolesAllowed}), and the attributes carry what the pages need.
 */
public final class DashboardIdentity {
    private static final String USER_ID = "dashboard.user-id";
    private static final String ACCOUNT_ID = "dashboard.account-id";
    private static final String ROLE = "dashboard.role";
    private static final String MUST_CHANGE_PASSWORD = "dashboard.must-change-password";

    private DashboardIdentity() {
    }

    static SecurityIdentity of(SessionUser user) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.name()))
                .addRole(user.role().wire())
                .addAttribute(USER_ID, user.userId())
                .addAttribute(ROLE, user.role())
                .addAttribute(MUST_CHANGE_PASSWORD, user.mustChangePassword());
        if (user.accountId() != null) {
            builder.addAttribute(ACCOUNT_ID, user.accountId());
        }
        return builder.build();
    }

    /** Whether the identity is a signed-in dashboard user (and not anonymous). */
    public static boolean signedIn(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous() && identity.getAttribute(USER_ID) != null;
    }

    public static long userId(SecurityIdentity identity) {
        return identity.<Long> getAttribute(USER_ID);
    }

    public static String name(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }

    public static Role role(SecurityIdentity identity) {
        return identity.getAttribute(ROLE);
    }

    /** The customer's account; {@code null} for the billing roles. */
    public static Long accountId(SecurityIdentity identity) {
        return identity.getAttribute(ACCOUNT_ID);
    }

    public static boolean mustChangePassword(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(MUST_CHANGE_PASSWORD));
    }
}

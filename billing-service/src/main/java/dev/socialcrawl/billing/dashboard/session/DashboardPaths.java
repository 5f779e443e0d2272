package dev.socialcrawl.billing.dashboard.session;

/** Where the dashboard lives: billing's {@code /dashboard/**}, which the gateway forwards unchanged from its public port. */
public final class DashboardPaths {
    public static final String ROOT = "/dashboard";
    public static final String SIGN_IN = ROOT + "/login";

    private DashboardPaths() {
    }

    public static boolean isDashboard(String path) {
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }
}

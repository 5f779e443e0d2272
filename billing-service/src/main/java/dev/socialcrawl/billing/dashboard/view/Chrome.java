package dev.socialcrawl.billing.dashboard.view;

import java.util.List;

/**
 * What every page shows around its content: its title, the signed-in user and its navigation, the account in view
 * with its tabs, and the request id of this page load (billing's, also in billing's log lines), for support.
 * {@code accountInQuery}: links and forms name the account ({@code account=}) because the viewer sees every account;
 * a customer's pages never do, its account is its own.
 */
public record Chrome(String title, String requestId, String userName, String roleLabel, List<Link> nav, Long accountId,
        String accountLabel, boolean accountInQuery, List<Link> tabs) {

    /** A page shown to nobody in particular: the sign-in page, an error page. */
    public static Chrome anonymous(String title, String requestId) {
        return new Chrome(title, requestId, null, null, List.of(), null, null, false, List.of());
    }

    public boolean signedIn() {
        return userName != null;
    }

    /** The path with the account in view, for a viewer who names it: {@code /dashboard/keys?account=12}. */
    public String scoped(String path) {
        return scopedWith(path, null, null);
    }

    /** {@link #scoped(String)} with one more parameter: {@code /dashboard/keys/revoke?account=12&key=5}. */
    public String scopedWith(String path, String name, Object value) {
        return Href.of(path).with("account", accountInQuery ? accountId : null).with(name == null ? "" : name, value).toString();
    }
}

package dev.socialcrawl.billing.dashboard.pages;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.account.AccountView;
import dev.socialcrawl.billing.dashboard.session.DashboardIdentity;
import dev.socialcrawl.billing.dashboard.user.Role;
import dev.socialcrawl.billing.dashboard.view.Chrome;
import dev.socialcrawl.billing.dashboard.view.Link;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.errors.rest.CurrentRequestId;

/**
 * The signed-in user looking at a page, and the one rule of which account it may see: a customer its own and no other
 * (naming another answers 403, whether that account exists or not), the billing roles any, named by {@code account=}.
 * Which writes a role may make is decided here too.
 */
@RequestScoped
public class Viewer {
    private static final List<Section> ACCOUNT_TABS = List.of(Section.OVERVIEW, Section.KEYS, Section.ACTIVITY, Section.LEDGER,
            Section.USAGE);
    private static final List<Section> BILLING_NAV = List.of(Section.ACCOUNTS, Section.REPORT, Section.LOW_BALANCE,
            Section.UNSETTLED, Section.INTEGRITY, Section.AUDIT);

    private final SecurityIdentity identity;
    private final AccountService accounts;
    private final CurrentRequestId requestId;

    public Viewer(SecurityIdentity identity, AccountService accounts, CurrentRequestId requestId) {
        this.identity = identity;
        this.accounts = accounts;
        this.requestId = requestId;
    }

    public long userId() {
        return DashboardIdentity.userId(identity);
    }

    public String name() {
        return DashboardIdentity.name(identity);
    }

    public Role role() {
        return DashboardIdentity.role(identity);
    }

    public boolean seesAllAccounts() {
        return role().seesAllAccounts();
    }

    public boolean isAdmin() {
        return role() == Role.BILLING_ADMIN;
    }

    /**
     * The account a page shows. A customer's is its own: naming another is refused (403). The billing roles name one
     * ({@code account=}); it must exist (404).
     */
    public long account(String raw) {
        Long own = DashboardIdentity.accountId(identity);
        if (!seesAllAccounts()) {
            if (raw != null && !raw.isBlank() && !raw.strip().equals(String.valueOf(own))) {
                throw new ForbiddenException("a customer names another account");
            }
            return own;
        }
        Long id = Inputs.queryId("account", raw);
        if (id == null) {
            throw Inputs.invalid("Parameter 'account' is required: pick an account under Accounts first.");
        }
        return accounts.find(id).id;
    }

    /** Keys of an account are created and revoked by its customer and by {@code billing-admin}, not by {@code billing}. */
    public void mayChangeKeys() {
        if (role() == Role.BILLING) {
            throw new ForbiddenException("billing is read-only");
        }
    }

    public boolean canChangeKeys() {
        return role() != Role.BILLING;
    }

    /** The page's frame: its title, the navigation for the viewer's role, and the tabs of the account in view. */
    public Chrome chrome(String title, Section current, Long accountInView) {
        List<Link> nav = new ArrayList<>();
        List<Link> tabs = new ArrayList<>();
        String accountLabel = null;
        if (seesAllAccounts()) {
            BILLING_NAV.forEach(s -> nav.add(link(s, s.path, current)));
            if (isAdmin()) {
                nav.add(link(Section.USERS, Section.USERS.path, current));
            }
            if (accountInView != null) {
                ACCOUNT_TABS.forEach(s -> tabs.add(link(s, s.path + "?account=" + accountInView, current)));
                tabs.add(link(Section.ACCOUNT_AUDIT, Section.ACCOUNT_AUDIT.path + "?account=" + accountInView, current));
            }
        } else {
            ACCOUNT_TABS.forEach(s -> nav.add(link(s, s.path, current)));
        }
        if (accountInView != null) {
            AccountView account = accounts.get(accountInView);
            accountLabel = "Account " + account.id() + " \u00b7 " + account.name();
        }
        nav.add(link(Section.PASSWORD, Section.PASSWORD.path, current));
        return new Chrome(title, requestId.get(), name(), role().wire(), nav, accountInView, accountLabel, seesAllAccounts(),
                tabs);
    }

    private static Link link(Section section, String href, Section current) {
        return new Link(href, section.label, section == current);
    }
}

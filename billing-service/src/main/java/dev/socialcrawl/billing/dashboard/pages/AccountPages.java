package dev.socialcrawl.billing.dashboard.pages;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

import dev.socialcrawl.billing.account.AccountPage;
import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.account.AccountView;
import dev.socialcrawl.billing.account.CreditRequest;
import dev.socialcrawl.billing.account.CreditService;
import dev.socialcrawl.billing.dashboard.user.Role;
import dev.socialcrawl.billing.dashboard.view.Href;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.billing.web.PageCursor;
import dev.socialcrawl.errors.ApiException;

/**
 * The billing team's way into an account: search by name, id or a key's last four characters; {@code billing-admin}
 * also creates accounts and adds credits (top-ups, adjustments, bonuses) through the same services as the admin API,
 * each write in the audit log under the user's name.
 */
@Path("/dashboard")
@DashboardPage
@Blocking
@Produces(Pages.HTML)
public class AccountPages {
    private static final int PAGE_SIZE = 50;
    private static final int MAX_QUERY = 200;

    private final Viewer viewer;
    private final AccountService accounts;
    private final CreditService credits;

    public AccountPages(Viewer viewer, AccountService accounts, CreditService credits) {
        this.viewer = viewer;
        this.accounts = accounts;
        this.credits = credits;
    }

    @GET
    @Path("accounts")
    @RolesAllowed({ Role.Names.BILLING, Role.Names.BILLING_ADMIN })
    public Response search(@QueryParam("query") String query, @QueryParam("cursor") String cursor) {
        String q = query == null || query.isBlank() ? null : query.strip();
        try {
            if (q != null && q.length() > MAX_QUERY) {
                throw Inputs.invalid("Parameter 'query' is longer than " + MAX_QUERY + " characters.");
            }
            AccountPage page = accounts.search(q, PageCursor.decodeId(cursor, AccountService.SEARCH_CURSOR), PAGE_SIZE);
            String next = page.nextCursor() == null ? null
                    : Href.of(Section.ACCOUNTS.path).with("query", q).with("cursor", page.nextCursor()).toString();
            return Response.ok(page(q, page.items(), next, null)).build();
        } catch (ApiException e) {
            return Response.status(e.code().status()).entity(page(q, List.of(), null, e.getMessage())).build();
        }
    }

    @POST
    @Path("accounts")
    @RolesAllowed(Role.Names.BILLING_ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name) {
        AccountView created = accounts.create(Inputs.requiredText("name", name, Inputs.MAX_NAME));
        return Redirects.seeOther(Href.of(Section.OVERVIEW.path).with("account", created.id()).toString());
    }

    /**
     * A top-up, adjustment or bonus. The form carries an idempotency key made when it was shown, so sending it twice
     * (a double click, the back button) adds the credits once.
     */
    @POST
    @Path("credits")
    @RolesAllowed(Role.Names.BILLING_ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addCredits(@FormParam("account") String account, @FormParam("type") String type,
            @FormParam("amount") String amount, @FormParam("note") String note,
            @FormParam("idempotency_key") String idempotencyKey) {
        long id = viewer.account(account);
        CreditService.Outcome outcome = credits.add(id, new CreditRequest(Params.wholeNumber("amount", amount), type, note),
                idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey);
        return Redirects.seeOther(Href.of(Section.OVERVIEW.path).with("account", id).with("credited", outcome.entry().id())
                .toString());
    }

    private TemplateInstance page(String query, List<AccountView> items, String next, String error) {
        return Pages.accounts(viewer.chrome("Accounts", Section.ACCOUNTS, null), query == null ? "" : query, items, next,
                viewer.isAdmin(), error);
    }
}

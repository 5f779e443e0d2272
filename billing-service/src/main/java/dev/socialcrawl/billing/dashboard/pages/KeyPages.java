package dev.socialcrawl.billing.dashboard.pages;

import java.time.Instant;

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

import dev.socialcrawl.billing.apikey.ApiKeyService;
import dev.socialcrawl.billing.apikey.KeyViews;
import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.dashboard.user.Role;
import dev.socialcrawl.billing.dashboard.view.Href;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.errors.ApiException;

/**
 * An account's API keys: listed by their last four characters, created with a one-time reveal of the key (it is never
 * shown again: billing keeps only its hash), revoked after a confirmation page. Through the same key service as the
 * admin API, so the audit log records who did it, and a revoked key is refused by the gateways from the next request.
 */
@Path("/dashboard/keys")
@DashboardPage
@Blocking
@Produces(Pages.HTML)
@RolesAllowed({ Role.Names.CUSTOMER, Role.Names.BILLING, Role.Names.BILLING_ADMIN })
public class KeyPages {
    private static final int CREATED = 201;

    private final Viewer viewer;
    private final ApiKeyService keys;
    private final int maxActive;

    public KeyPages(Viewer viewer, ApiKeyService keys, BillingConfig config) {
        this.viewer = viewer;
        this.keys = keys;
        this.maxActive = config.keys().maxActive();
    }

    @GET
    public TemplateInstance list(@QueryParam("account") String account, @QueryParam("revoked") String revoked) {
        long id = viewer.account(account);
        String notice = revoked == null ? null : "The key ending in " + revoked + " is revoked: it is refused from now on.";
        return page(id, null, notice, null);
    }

    /** Answers the page with the new key shown once, with a copy button. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("account") String account, @FormParam("name") String name,
            @FormParam("expires") String expires) {
        long id = viewer.account(account);
        viewer.mayChangeKeys();
        try {
            Instant expiresAt = Inputs.rangeEnd("expires", expires);
            KeyViews.Created created = keys.create(id, Inputs.requiredText("name", name, Inputs.MAX_NAME), expiresAt);
            return Response.status(CREATED).entity(page(id, created, null, null)).build();
        } catch (ApiException e) {
            return Response.status(e.code().status()).entity(page(id, null, null, e.getMessage())).build();
        }
    }

    /** The confirmation step: which key, and that revoking cannot be undone. */
    @GET
    @Path("revoke")
    public TemplateInstance confirmRevoke(@QueryParam("account") String account, @QueryParam("key") String key) {
        long id = viewer.account(account);
        viewer.mayChangeKeys();
        return Pages.revoke(viewer.chrome("Revoke a key", Section.KEYS, id), find(id, Params.requiredId("key", key)));
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@FormParam("account") String account, @FormParam("key") String key) {
        long id = viewer.account(account);
        viewer.mayChangeKeys();
        KeyViews.Listed revoked = find(id, Params.requiredId("key", key));
        keys.revoke(id, revoked.id());
        String list = viewer.seesAllAccounts() ? Href.of(Section.KEYS.path).with("account", id).with("revoked", revoked.last4()).toString()
                : Href.of(Section.KEYS.path).with("revoked", revoked.last4()).toString();
        return Redirects.seeOther(list);
    }

    /** A key of this account; another account's key is not found (404), whoever owns it. */
    private KeyViews.Listed find(long accountId, long keyId) {
        return keys.list(accountId).stream().filter(k -> k.id() == keyId).findFirst()
                .orElseThrow(() -> Inputs.notFound("Key " + keyId + " does not exist on account " + accountId + "."));
    }

    private TemplateInstance page(long accountId, KeyViews.Created created, String notice, String error) {
        return Pages.keys(viewer.chrome("API keys", Section.KEYS, accountId), keys.list(accountId), created, notice, error,
                viewer.canChangeKeys(), maxActive);
    }
}

package dev.socialcrawl.billing.dashboard.pages;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

import dev.socialcrawl.billing.dashboard.user.DashboardUserService;
import dev.socialcrawl.billing.dashboard.user.Role;
import dev.socialcrawl.billing.dashboard.user.UserViews;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.errors.ApiException;

/**
 * Dashboard users, for {@code billing-admin}: create one (the dashboard generates its one-time password and shows it
 * once), reset a password, disable a user. The same service as {@code POST /admin/dashboard-users}, audited likewise.
 */
@Path("/dashboard/users")
@DashboardPage
@Blocking
@Produces(Pages.HTML)
@RolesAllowed(Role.Names.BILLING_ADMIN)
public class UserPages {
    private static final int CREATED = 201;

    private final Viewer viewer;
    private final DashboardUserService users;

    public UserPages(Viewer viewer, DashboardUserService users) {
        this.viewer = viewer;
        this.users = users;
    }

    @GET
    public TemplateInstance list() {
        return page(null, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("role") String role, @FormParam("account") String account) {
        try {
            Role chosen = Role.fromWire(role);
            Long accountId = chosen == Role.CUSTOMER ? Params.requiredId("account", account) : null;
            UserViews.Created created = users.create(new UserViews.CreateRequest(name, null, role, accountId));
            return Response.status(CREATED).entity(page(created, null, null)).build();
        } catch (ApiException e) {
            return Response.status(e.code().status()).entity(page(null, null, e.getMessage())).build();
        }
    }

    @POST
    @Path("reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance reset(@FormParam("user") String user) {
        return page(null, users.resetPassword(Params.requiredId("user", user)), null);
    }

    @POST
    @Path("disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disable(@FormParam("user") String user) {
        long id = Params.requiredId("user", user);
        if (id == viewer.userId()) {
            throw Inputs.invalid("You cannot disable yourself; another billing-admin can.");
        }
        users.disable(id);
        return Redirects.seeOther(Section.USERS.path);
    }

    private TemplateInstance page(UserViews.Created created, UserViews.Reset reset, String error) {
        return Pages.users(viewer.chrome("Users", Section.USERS, null), users.list(), created, reset, error, viewer.userId());
    }
}

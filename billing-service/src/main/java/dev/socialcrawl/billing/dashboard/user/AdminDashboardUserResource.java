package dev.socialcrawl.billing.dashboard.user;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import dev.socialcrawl.billing.web.Inputs;

/**
 * Dashboard users through the admin API (admin token; the ledger token reads the list): create one, with a generated
 * one-time password when none is given; reset a password; disable a user.
 */
@Path("/admin/dashboard-users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminDashboardUserResource {
    private final DashboardUserService users;

    public AdminDashboardUserResource(DashboardUserService users) {
        this.users = users;
    }

    @POST
    @ResponseStatus(201)
    public UserViews.Created create(UserViews.CreateRequest body) {
        return users.create(Inputs.body(body));
    }

    @GET
    public List<UserViews.Listed> list() {
        return users.list();
    }

    @POST
    @Path("{id}/password-reset")
    public UserViews.Reset resetPassword(@PathParam("id") String id) {
        return users.resetPassword(Inputs.pathId("id", id));
    }

    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    public void disable(@PathParam("id") String id) {
        users.disable(Inputs.pathId("id", id));
    }
}

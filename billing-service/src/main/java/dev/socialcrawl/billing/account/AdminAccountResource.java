package dev.socialcrawl.billing.account;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import dev.socialcrawl.billing.ledger.EntryView;
import dev.socialcrawl.billing.web.Inputs;

@Path("/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminAccountResource {
    private final AccountService accounts;
    private final CreditService credits;

    public AdminAccountResource(AccountService accounts, CreditService credits) {
        this.accounts = accounts;
        this.credits = credits;
    }

    @POST
    @ResponseStatus(201)
    public AccountView create(CreateAccountRequest body) {
        return accounts.create(Inputs.requiredText("name", Inputs.body(body).name(), Inputs.MAX_NAME));
    }

    @GET
    @Path("{id}")
    public AccountView get(@PathParam("id") String id) {
        return accounts.get(Inputs.pathId("id", id));
    }

    @POST
    @Path("{id}/credits")
    @ResponseStatus(201)
    public EntryView addCredits(@PathParam("id") String id, CreditRequest body) {
        return credits.add(Inputs.pathId("id", id), Inputs.body(body));
    }
}

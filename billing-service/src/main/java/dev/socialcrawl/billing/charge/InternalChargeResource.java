package dev.socialcrawl.billing.charge;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.charge.ChargeViews.ChargeResult;
import dev.socialcrawl.billing.charge.ChargeViews.CurrentBalance;
import dev.socialcrawl.billing.charge.ChargeViews.DebitRequest;
import dev.socialcrawl.billing.charge.ChargeViews.RefundRequest;
import dev.socialcrawl.billing.charge.ChargeViews.SettleRequest;
import dev.socialcrawl.billing.charge.ChargeViews.SettleResult;
import dev.socialcrawl.billing.report.BalanceService;
import dev.socialcrawl.billing.report.BalanceView;
import dev.socialcrawl.billing.web.Inputs;

/** The gateway's calls (docs/internal-api.md); {@code X-Internal-Token} is checked by the token filter. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalChargeResource {
    static final int MAX_SETTLE_BATCH = 500;

    private final ChargeService charges;
    private final BalanceService balances;
    private final AccountService accounts;

    public InternalChargeResource(ChargeService charges, BalanceService balances, AccountService accounts) {
        this.charges = charges;
        this.balances = balances;
        this.accounts = accounts;
    }

    /** Runs on the event loop: the debit batcher's thread completes the answer, no worker thread waits for it. */
    @POST
    @Path("debits")
    public Uni<ChargeResult> debit(DebitRequest body) {
        DebitRequest r = Inputs.body(body);
        return Uni.createFrom().completionStage(
                charges.debit(Inputs.requestId("request_id", r.requestId()), Inputs.requiredId("account_id", r.accountId()),
                    Inputs.positiveAmount("amount", r.amount()), Inputs.requiredText("endpoint", r.endpoint(), Inputs.MAX_NAME)));
    }

    @POST
    @Path("refunds")
    public ChargeResult refund(RefundRequest body) {
        return charges.refund(Inputs.requestId("request_id", Inputs.body(body).requestId()));
    }

    @POST
    @Path("settlements")
    public SettleResult settle(SettleRequest body) {
        List<String> ids = Inputs.body(body).requestIds();
        if (ids == null || ids.isEmpty() || ids.size() > MAX_SETTLE_BATCH) {
            throw Inputs.invalid("Invalid request body: field 'request_ids' must hold 1 to " + MAX_SETTLE_BATCH + " ids.");
        }
        List<String> checked = ids.stream().map(id -> Inputs.requestId("request_ids", id)).distinct().toList();
        return new SettleResult(charges.settle(checked));
    }

    @GET
    @Path("accounts/{id}/balance")
    public BalanceView balance(@PathParam("id") String id) {
        return balances.balance(Inputs.pathId("id", id));
    }

    /** The account row's balance alone: {@link #balance} also sums the last 7 days of the account's debits. */
    @GET
    @Path("accounts/{id}/current-balance")
    public CurrentBalance currentBalance(@PathParam("id") String id) {
        long accountId = Inputs.pathId("id", id);
        return new CurrentBalance(accountId, accounts.get(accountId).balance());
    }
}

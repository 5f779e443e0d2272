package dev.socialcrawl.billing.report;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.web.Inputs;

/** {@code GET /ledger/low-balance?below=}: accounts about to run out, lowest balance first. */
@Path("/ledger/low-balance")
@Produces(MediaType.APPLICATION_JSON)
public class LowBalanceResource {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final LowBalanceService lowBalance;
    private final long defaultThreshold;

    public LowBalanceResource(LowBalanceService lowBalance, BillingConfig config) {
        this.lowBalance = lowBalance;
        this.defaultThreshold = config.lowBalance().threshold();
    }

    @GET
    public LowBalanceView below(@QueryParam("below") String below, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return lowBalance.below(threshold(below), LowBalanceService.After.parse(cursor),
                Inputs.limitParam(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    private long threshold(String raw) {
        if (raw == null || raw.isBlank()) {
            return defaultThreshold;
        }
        try {
            long below = Long.parseLong(raw.strip());
            if (Math.abs(below) <= Inputs.MAX_AMOUNT) {
                return below;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw Inputs.invalid("Parameter 'below' must be a whole number of credits up to " + Inputs.MAX_AMOUNT + ".");
    }
}

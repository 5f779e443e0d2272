package dev.socialcrawl.gateway.billing;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.gateway.billing.BillingDtos.BalanceInfo;
import dev.socialcrawl.gateway.billing.BillingDtos.DebitRequest;
import dev.socialcrawl.gateway.billing.BillingDtos.KeyInfo;
import dev.socialcrawl.gateway.billing.BillingDtos.LedgerResult;
import dev.socialcrawl.gateway.billing.BillingDtos.RefundRequest;
import dev.socialcrawl.gateway.billing.BillingDtos.SettleRequest;

/**
 * Turns billing's HTTP answers into domain outcomes. A failed {@code Uni} always means "billing did not give a
 * definite answer" (down, slow, 5xx); callers decide what that means for money.
 */
@ApplicationScoped
public class BillingClient {
    private final BillingApi api;
    private final String token;

    public BillingClient(@RestClient BillingApi api, @ConfigProperty(name = "billing.internal-token") String token) {
        this.api = api;
        this.token = token;
    }

    /** The key's record, or empty when billing does not know the hash. */
    public Uni<Optional<KeyInfo>> key(String keyHash, String requestId) {
        return api.key(keyHash, token, requestId).map(r -> {
            try (r) {
                if (r.getStatus() == 200) {
                    return Optional.of(r.readEntity(KeyInfo.class));
                }
                if (r.getStatus() == 404 || r.getStatus() == 400) {
                    return Optional.<KeyInfo>empty();
                }
                throw unexpected("key lookup", r);
            }
        });
    }

    public Uni<DebitOutcome> debit(String requestId, long accountId, long amount, String endpoint) {
        return api.debit(new DebitRequest(requestId, accountId, amount, endpoint), token, requestId).map(r -> {
            try (r) {
                if (r.getStatus() == 200) {
                    return new DebitOutcome.Debited(r.readEntity(LedgerResult.class).balance());
                }
                if (r.getStatus() == 402) {
                    ErrorEnvelope e = r.readEntity(ErrorEnvelope.class);
                    return new DebitOutcome.Insufficient(e.creditsRemaining() == null ? 0 : e.creditsRemaining(),
                            e.error().message());
                }
                throw unexpected("debit", r);
            }
        });
    }

    /** The refund (amount, balance after); empty when billing has no debit for that id (nothing to give back). */
    public Uni<Optional<LedgerResult>> refund(String requestId) {
        return api.refund(new RefundRequest(requestId), token, requestId).map(r -> {
            try (r) {
                if (r.getStatus() == 200) {
                    return Optional.of(r.readEntity(LedgerResult.class));
                }
                if (r.getStatus() == 404) {
                    return Optional.<LedgerResult>empty();
                }
                throw unexpected("refund", r);
            }
        });
    }

    public Uni<Void> settle(List<String> requestIds, String requestId) {
        return api.settle(new SettleRequest(requestIds), token, requestId).map(r -> {
            try (r) {
                if (r.getStatus() == 200) {
                    return null;
                }
                throw unexpected("settlement", r);
            }
        });
    }

    public Uni<BalanceInfo> balance(long accountId, String requestId) {
        return api.balance(accountId, token, requestId).map(r -> {
            try (r) {
                if (r.getStatus() == 200) {
                    return r.readEntity(BalanceInfo.class);
                }
                throw unexpected("balance", r);
            }
        });
    }

    private static IllegalStateException unexpected(String call, Response r) {
        return new IllegalStateException("billing answered " + r.getStatus() + " to a " + call);
    }
}

package dev.socialcrawl.gateway.pipeline;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.auth.KeyAuthenticator;
import dev.socialcrawl.gateway.billing.BalanceCache;
import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.billing.BillingOutbox;
import dev.socialcrawl.gateway.billing.DebitOutcome;
import dev.socialcrawl.gateway.cache.ResponseCache;
import dev.socialcrawl.gateway.catalog.RequestValidator;
import dev.socialcrawl.gateway.catalog.ValidatedRequest;
import dev.socialcrawl.gateway.concurrency.ConcurrencyLimiter;
import dev.socialcrawl.gateway.idempotency.IdempotencyClaim;
import dev.socialcrawl.gateway.idempotency.IdempotencyDecision;
import dev.socialcrawl.gateway.idempotency.IdempotencyRecord;
import dev.socialcrawl.gateway.idempotency.IdempotencyStore;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;
import dev.socialcrawl.gateway.proxy.ProxyClient;
import dev.socialcrawl.gateway.proxy.ProxyOutcome;

/**
 * Steps 4 to 10 of api-contract §3 for an authenticated catalogue request: endpoint, params, concurrency slot,
 * idempotency, cache, debit, proxy, outcome and refund. Nothing is debited before step 9. A key from the
 * in-process cache arrives with its revocation marker unchecked (the end of step 3): a request that may be
 * answered from the cache checks it together with its slot and the cache in one round trip ({@link HitOrLease});
 * any other checks it first.
 */
@Singleton
public class CataloguePipeline {
    private static final Logger LOG = Logger.getLogger(CataloguePipeline.class);

    private final Catalog catalog;
    private final RequestValidator validator;
    private final KeyAuthenticator authenticator;
    private final HitOrLease hitOrLease;
    private final ConcurrencyLimiter limiter;
    private final IdempotencyStore idempotency;
    private final ResponseCache cache;
    private final BalanceCache balances;
    private final BillingClient billing;
    private final BillingOutbox outbox;
    private final ProxyClient proxy;
    private final Responses responses;
    private final GatewayMetrics metrics;
    private final SettleBatch settleBatch;

    public CataloguePipeline(Catalog catalog, RequestValidator validator, KeyAuthenticator authenticator,
            HitOrLease hitOrLease, ConcurrencyLimiter limiter, IdempotencyStore idempotency, ResponseCache cache,
            BalanceCache balances, BillingClient billing, BillingOutbox outbox, ProxyClient proxy, Responses responses,
            GatewayMetrics metrics, SettleBatch settleBatch) {
        this.catalog = catalog;
        this.validator = validator;
        this.authenticator = authenticator;
        this.hitOrLease = hitOrLease;
        this.limiter = limiter;
        this.idempotency = idempotency;
        this.cache = cache;
        this.balances = balances;
        this.billing = billing;
        this.outbox = outbox;
        this.proxy = proxy;
        this.responses = responses;
        this.metrics = metrics;
        this.settleBatch = settleBatch;
    }

    Uni<Answer> serve(RequestState state) {
        ValidatedRequest request;
        try {
            request = checked(state);
        } catch (RuntimeException e) {
            // The key comes first (§3): a revoked key gets its 401 even when the request is also wrong.
            return markerChecked(state).chain(() -> Uni.createFrom().failure(e));
        }
        if (state.idempotencyKey == null && !state.noCache) {
            return hitOrLeased(state, request);
        }
        String keyHash = state.key.keyHash();
        return markerChecked(state)
                .chain(() -> limiter.acquire(keyHash, state.requestId))
                .chain(() -> withSlot(state, request)
                        .onTermination().call(() -> limiter.release(keyHash, state.requestId)));
    }

    /** Steps 4 and 5 and the form of the Idempotency-Key: local checks, no I/O. */
    private ValidatedRequest checked(RequestState state) {
        Endpoint endpoint = catalog.findByPath("/v1/" + state.path).orElseThrow(() -> new ApiException(
                ErrorCode.ENDPOINT_NOT_FOUND, "No endpoint /v1/" + state.path
                        + ". Check the API reference for supported platforms and resources."));
        state.endpoint = endpoint;
        state.metricPlatform = endpoint.platform();
        state.metricEndpoint = endpoint.path();
        ValidatedRequest request = validator.validate(endpoint, state.query);
        IdempotencyStore.checkForm(state.idempotencyKey);
        return request;
    }

    /** The rest of step 3 for a key from the in-process cache: its revocation marker. */
    private Uni<Void> markerChecked(RequestState state) {
        if (state.markerChecked) {
            return Uni.createFrom().voidItem();
        }
        return authenticator.checkMarker(state.key)
                .invoke(() -> state.markerChecked = true)
                .onFailure().invoke(state::notAuthenticated);
    }

    /** Marker, slot and cache in one round trip ({@link HitOrLease}); a miss goes on holding its slot. */
    private Uni<Answer> hitOrLeased(RequestState state, ValidatedRequest request) {
        AuthenticatedKey key = state.key;
        Uni<HitOrLease.Outcome> handed = state.handover == null ? null : state.handover.claim(key, state.requestId);
        return (handed != null ? handed : hitOrLease.lookup(key, request, state.requestId))
                .onFailure().invoke(() -> {
                    if (!state.markerChecked) {
                        state.notAuthenticated();
                    }
                })
                .chain(outcome -> {
                    if (outcome instanceof HitOrLease.Hit hit) {
                        return hit(state, request, hit);
                    }
                    if (outcome instanceof HitOrLease.Leased) {
                        return live(state, request).map(Result::answer)
                                .onTermination().call(() -> limiter.release(key.keyHash(), state.requestId));
                    }
                    if (outcome instanceof HitOrLease.Full) {
                        return Uni.createFrom().failure(limiter.rejected());
                    }
                    state.notAuthenticated();
                    return Uni.createFrom().failure(authenticator.refused(key));
                });
    }

    /** A cache hit: free, holding no slot, with the account's balance (from billing when none is fresh). */
    private Uni<Answer> hit(RequestState state, ValidatedRequest request, HitOrLease.Hit hit) {
        Endpoint endpoint = request.endpoint();
        Uni<Long> balance = hit.balance() != null ? Uni.createFrom().item(hit.balance())
                : balances.fromBilling(state.key.accountId(), state.requestId);
        return balance.map(remaining -> new Answer(responses.cachedHit(endpoint.platform(), endpoint.path(),
                hit.data(), remaining, state.requestId).build(), Answer.HIT));
    }

    private Uni<Answer> withSlot(RequestState state, ValidatedRequest request) {
        if (state.idempotencyKey == null) {
            return cachedOrLive(state, request).map(Result::answer);
        }
        String fingerprint = IdempotencyStore.fingerprint("GET", request.endpoint().path(), request.params());
        return idempotency.claim(state.idempotencyKey, state.key.accountId(), fingerprint, state.requestId)
                .chain(decision -> {
                    if (decision instanceof IdempotencyDecision.Replay replay) {
                        return replay(state, replay.original());
                    }
                    IdempotencyClaim claim = ((IdempotencyDecision.Claimed) decision).claim();
                    return cachedOrLive(state, request)
                            .call(result -> result.storable()
                                    ? idempotency.complete(claim, result.status(), result.errorType(),
                                            result.message(), result.data())
                                    : idempotency.release(claim))
                            .onFailure().call(() -> idempotency.release(claim))
                            .map(Result::answer);
                });
    }

    /** An outcome and what step 7 keeps of it for replays (200 and 404 RESOURCE_NOT_FOUND only). */
    private record Result(Answer answer, boolean storable, int status, String errorType, String message, String data) {
        static Result notStored(Answer answer) {
            return new Result(answer, false, 0, null, null, null);
        }
    }

    private Uni<Result> cachedOrLive(RequestState state, ValidatedRequest request) {
        if (state.noCache) {
            return live(state, request);
        }
        return cache.lookup(request, state.key.accountId()).chain(lookup -> {
            if (lookup.data().isEmpty()) {
                return live(state, request);
            }
            String data = lookup.data().get();
            Uni<Long> balance = lookup.balance().isPresent() ? Uni.createFrom().item(lookup.balance().get())
                    : balances.fromBilling(state.key.accountId(), state.requestId);
            return balance.map(remaining -> {
                Response response = responses.success(request.endpoint().platform(), request.endpoint().path(), data,
                        0, remaining, state.requestId, true).header(Responses.CACHE, "HIT").build();
                return new Result(new Answer(response, Answer.HIT), true, 200, null, null, data);
            });
        });
    }

    private Uni<Result> live(RequestState state, ValidatedRequest request) {
        Endpoint endpoint = request.endpoint();
        long cost = endpoint.cost();
        long accountId = state.key.accountId();
        return billing.debit(state.requestId, accountId, cost, endpoint.path())
                // Billing may have written the debit before the answer got lost: a refund request makes sure it
                // does not stay charged (billing answers 404 when there was no debit, and the entry is dropped).
                .onFailure().call(e -> outbox.enqueueRefund(state.requestId).onFailure().recoverWithNull())
                .onFailure().transform(e -> e instanceof ApiException ? e
                        : GatewayException.billingUnavailable("the debit", e))
                .chain(outcome -> {
                    if (outcome instanceof DebitOutcome.Insufficient insufficient) {
                        String message = insufficient.message() == null || insufficient.message().isBlank()
                                ? "Your account has " + insufficient.balance()
                                        + " credits remaining. This endpoint requires " + cost + " credits."
                                : insufficient.message();
                        return Uni.createFrom().failure(new ApiException(ErrorCode.INSUFFICIENT_CREDITS, message,
                                insufficient.balance(), Map.of()));
                    }
                    long balanceAfterDebit = ((DebitOutcome.Debited) outcome).balanceAfter();
                    metrics.debited(cost);
                    return proxy.fetch(endpoint, request.params(), state.requestId)
                            .chain(fetched -> settleOrRefund(state, request, fetched, balanceAfterDebit))
                            .onFailure().recoverWithUni(e -> unexpectedAfterDebit(state, cost, balanceAfterDebit, e));
                });
    }

    private Uni<Result> settleOrRefund(RequestState state, ValidatedRequest request, ProxyOutcome outcome,
            long balanceAfterDebit) {
        Endpoint endpoint = request.endpoint();
        long cost = endpoint.cost();
        if (outcome.succeeded()) {
            return settleBatch.settle(state, request, balanceAfterDebit, outcome.data())
                    .map(v -> {
                        Response response = responses.success(endpoint.platform(), endpoint.path(), outcome.data(),
                                cost, balanceAfterDebit, state.requestId, false).header(Responses.CACHE, "MISS").build();
                        return new Result(new Answer(response, Answer.MISS), true, 200, null, null, outcome.data());
                    });
        }
        Map<String, String> headers = new HashMap<>();
        headers.put(Responses.CACHE, "MISS");
        if (outcome.retryAfter() != null) {
            headers.put("Retry-After", outcome.retryAfter());
        }
        if (!outcome.refunds()) {
            return settleBatch.settle(state, request, balanceAfterDebit, null).map(v -> {
                Response response = Responses.credits(responses.error(outcome.code(), outcome.message(),
                        balanceAfterDebit, state.requestId, headers), cost, balanceAfterDebit).build();
                boolean storable = outcome.code() == ErrorCode.RESOURCE_NOT_FOUND;
                return new Result(new Answer(response, Answer.MISS), storable, outcome.code().status(),
                        outcome.code().name(), outcome.message(), null);
            });
        }
        return refund(state, cost, balanceAfterDebit).map(balance -> {
            Response response = Responses.credits(responses.error(outcome.code(), outcome.message(), balance,
                    state.requestId, headers), 0, balance).build();
            boolean storable = outcome.code() == ErrorCode.RESOURCE_NOT_FOUND;
            return new Result(new Answer(response, Answer.MISS), storable, outcome.code().status(),
                    outcome.code().name(), outcome.message(), null);
        });
    }

    /** Gives the debit back; the balance after it, computed when billing could not answer in time. */
    private Uni<Long> refund(RequestState state, long cost, long balanceAfterDebit) {
        long accountId = state.key.accountId();
        return billing.refund(state.requestId)
                .map(result -> {
                    result.filter(r -> !r.replayed()).ifPresent(r -> metrics.refunded(r.amount()));
                    return result.map(r -> r.balance()).orElse(balanceAfterDebit + cost);
                })
                .call(balance -> balances.remember(accountId, balance))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Billing did not confirm the refund, keeping it in the outbox: %s", String.valueOf(e));
                    return outbox.enqueueRefund(state.requestId)
                            .onFailure().recoverWithNull()
                            .replaceWith(balanceAfterDebit + cost);
                });
    }

    private Uni<Result> unexpectedAfterDebit(RequestState state, long cost, long balanceAfterDebit, Throwable e) {
        LOG.error("Unexpected failure after the debit; refunding", e);
        return refund(state, cost, balanceAfterDebit).map(balance -> {
            Response response = Responses.credits(responses.error(ErrorCode.INTERNAL_ERROR,
                    ErrorCode.INTERNAL_ERROR.defaultMessage(), balance, state.requestId, Map.of()), 0, balance).build();
            return Result.notStored(new Answer(response, Answer.MISS));
        });
    }

    private Uni<Answer> replay(RequestState state, IdempotencyRecord original) {
        metrics.replayed();
        Endpoint endpoint = state.endpoint;
        return balances.current(state.key.accountId(), state.requestId).map(balance -> {
            Response.ResponseBuilder builder;
            if (original.status() != null && original.status() == 200) {
                builder = responses.success(endpoint.platform(), endpoint.path(), original.data(), 0, balance,
                        state.requestId, false);
            } else {
                ErrorCode code = ErrorCode.fromType(original.errorType());
                builder = Responses.credits(responses.error(code == null ? ErrorCode.RESOURCE_NOT_FOUND : code,
                        original.message(), balance, state.requestId, Map.of()), 0, balance);
            }
            Response response = builder.header(Responses.REPLAY, "true")
                    .header(Responses.ORIGINAL_REQUEST_ID, original.requestId())
                    .header(Responses.CACHE, "MISS").build();
            return new Answer(response, Answer.NONE);
        });
    }
}

package dev.socialcrawl.gateway.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.RequestValidator;
import dev.socialcrawl.catalog.ValidatedRequest;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;
import dev.socialcrawl.gateway.auth.KeyAuthenticator;
import dev.socialcrawl.gateway.billing.BalanceCache;
import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.billing.BillingOutbox;
import dev.socialcrawl.gateway.billing.DebitOutcome;
import dev.socialcrawl.gateway.cache.CachedEntry;
import dev.socialcrawl.gateway.cache.ResponseCache;
import dev.socialcrawl.gateway.meta.StatusService;
import dev.socialcrawl.gateway.concurrency.ConcurrencyLimiter;
import dev.socialcrawl.gateway.idempotency.IdempotencyClaim;
import dev.socialcrawl.gateway.idempotency.IdempotencyDecision;
import dev.socialcrawl.gateway.idempotency.IdempotencyRecord;
import dev.socialcrawl.gateway.idempotency.IdempotencyStore;
import dev.socialcrawl.gateway.metrics.GatewayMetrics;
import dev.socialcrawl.gateway.proxy.ProxyClient;
import dev.socialcrawl.gateway.proxy.ProxyOutcome;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisOp;
import dev.socialcrawl.gateway.wire.Answer;
import dev.socialcrawl.gateway.wire.Envelopes;
import dev.socialcrawl.gateway.wire.GatewayException;

/**
 * Steps 4 to 10 of docs/api.md#order-of-checks for an authenticated catalogue request: endpoint, params, concurrency
 * slot, idempotency, cache, debit, proxy, outcome and refund. Nothing is debited before step 9. A key from the
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
    private final RedisClient redis;
    private final Envelopes envelopes;
    private final GatewayMetrics metrics;
    private final SettleBatch settleBatch;
    private final StatusService status;

    public CataloguePipeline(Catalog catalog, RequestValidator validator, KeyAuthenticator authenticator,
            HitOrLease hitOrLease, ConcurrencyLimiter limiter, IdempotencyStore idempotency, ResponseCache cache,
            BalanceCache balances, BillingClient billing, BillingOutbox outbox, ProxyClient proxy, RedisClient redis,
            Envelopes envelopes, GatewayMetrics metrics, SettleBatch settleBatch, StatusService status) {
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
        this.redis = redis;
        this.envelopes = envelopes;
        this.metrics = metrics;
        this.settleBatch = settleBatch;
        this.status = status;
    }

    Uni<Answer> serve(RequestState state) {
        ValidatedRequest request;
        try {
            request = checked(state);
        } catch (RuntimeException e) {
            // The key comes first (order of checks): a revoked key gets its 401 even when the request is also wrong.
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
        return hitOrLease.lookup(key, request, state.requestId)
                .onFailure().invoke(() -> {
                    if (!state.markerChecked) {
                        state.notAuthenticated();
                    }
                })
                .chain(outcome -> {
                    if (outcome instanceof HitOrLease.Hit hit) {
                        return hit(state, request, hit);
                    }
                    if (outcome instanceof HitOrLease.Leased leased) {
                        return live(state, request, leased.stale()).map(Result::answer)
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
        return balance.map(remaining -> envelopes.cachedHit(endpoint.platform(), endpoint.path(), hit.entry().raw(),
                hit.entry().dataOffset(), remaining, state.requestId));
    }

    private Uni<Answer> withSlot(RequestState state, ValidatedRequest request) {
        if (state.idempotencyKey == null) {
            return cachedOrLive(state, request).map(Result::answer);
        }
        return keyed(state, request, true);
    }

    /** Step 7; a replay of a cache hit whose entry has expired runs afresh ({@code mayRetry} bounds that to once). */
    private Uni<Answer> keyed(RequestState state, ValidatedRequest request, boolean mayRetry) {
        String fingerprint = IdempotencyStore.fingerprint("GET", request.endpoint().path(), request.params());
        return idempotency.claim(state.idempotencyKey, state.key.accountId(), fingerprint, state.requestId)
                .chain(decision -> {
                    if (decision instanceof IdempotencyDecision.Replay replay) {
                        IdempotencyRecord original = replay.original();
                        if (!original.answeredFromCache()) {
                            return replay(state, original, original.data());
                        }
                        return cachedData(request).chain(data -> data != null ? replay(state, original, data)
                                : mayRetry ? idempotency.discard(state.idempotencyKey, original)
                                        .chain(() -> keyed(state, request, false))
                                : cachedOrLive(state, request).map(Result::answer));
                    }
                    IdempotencyClaim claim = ((IdempotencyDecision.Claimed) decision).claim();
                    return cachedOrLive(state, request)
                            .call(result -> !result.storable() ? idempotency.release(claim)
                                    : result.fromCache() ? idempotency.completeFromCache(claim)
                                    : idempotency.complete(claim, result.status(), result.errorType(),
                                            result.message(), result.data()))
                            .onFailure().call(() -> idempotency.release(claim))
                            .map(Result::answer);
                });
    }

    /** The data of the request's fresh cache entry, {@code null} when there is none. */
    private Uni<String> cachedData(ValidatedRequest request) {
        return redis.send(cache.read(request)).map(entry -> entry == null || !entry.freshAt(System.currentTimeMillis())
                ? null : new String(entry.data(), StandardCharsets.UTF_8));
    }

    /**
     * An outcome and what step 7 keeps of it for replays (200 and 404 RESOURCE_NOT_FOUND only); a cache hit keeps
     * only that it was one.
     */
    private record Result(Answer answer, boolean storable, int status, String errorType, String message, String data,
            boolean fromCache) {
        static Result notStored(Answer answer) {
            return new Result(answer, false, 0, null, null, null, false);
        }

        static Result stored(Answer answer, int status, String errorType, String message, String data) {
            return new Result(answer, true, status, errorType, message, data, false);
        }

        static Result cacheHit(Answer answer) {
            return new Result(answer, true, 200, null, null, null, true);
        }
    }

    private Uni<Result> cachedOrLive(RequestState state, ValidatedRequest request) {
        if (state.noCache && state.maxStale == null) {
            return live(state, request, null);
        }
        RedisOp<CachedEntry> cached = cache.read(request);
        RedisOp<Long> known = balances.read(state.key.accountId());
        return redis.sendAll(List.of(cached, known)).chain(replies -> {
            CachedEntry entry = replies.of(cached);
            if (state.noCache || entry == null || !entry.freshAt(System.currentTimeMillis())) {
                return live(state, request, entry);
            }
            Long remembered = replies.of(known);
            Uni<Long> balance = remembered != null ? Uni.createFrom().item(remembered)
                    : balances.fromBilling(state.key.accountId(), state.requestId);
            return balance.map(remaining -> Result.cacheHit(envelopes.cachedHit(request.endpoint().platform(),
                    request.endpoint().path(), entry.raw(), entry.dataOffset(), remaining, state.requestId)));
        });
    }

    /**
     * Steps 9 and 10: debit, fetch, settle or refund. {@code stale} is the request's expired cache entry, if any: a
     * request that accepts stale data gets it instead of a refundable error, or at once without a debit when the
     * platform's breaker is known to be open (docs/api.md#caching-and-stale-answers).
     */
    private Uni<Result> live(RequestState state, ValidatedRequest request, CachedEntry stale) {
        Endpoint endpoint = request.endpoint();
        CachedEntry usable = usableStale(state, stale);
        if (usable != null && status.knownOpen(endpoint.platform())) {
            return balances.current(state.key.accountId(), state.requestId)
                    .map(balance -> Result.notStored(staleAnswer(state, request, usable, balance)));
        }
        long cost = endpoint.cost();
        long accountId = state.key.accountId();
        return billing.debit(state.requestId, accountId, cost, endpoint.path())
                // Billing may have written the debit before the answer got lost: a refund request makes sure it
                // does not stay charged (billing answers 404 when there was no debit, and the entry is dropped).
                .onFailure().call(e -> outbox.enqueueRefund(state.requestId))
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
                            .chain(fetched -> settleOrRefund(state, request, fetched, balanceAfterDebit, usable))
                            .onFailure().recoverWithUni(e -> unexpectedAfterDebit(state, cost, balanceAfterDebit, e));
                });
    }

    private Uni<Result> settleOrRefund(RequestState state, ValidatedRequest request, ProxyOutcome outcome,
            long balanceAfterDebit, CachedEntry stale) {
        Endpoint endpoint = request.endpoint();
        long cost = endpoint.cost();
        if (outcome.succeeded()) {
            return settleBatch.settle(state, request, balanceAfterDebit, outcome.data())
                    .map(v -> Result.stored(envelopes.success(endpoint.platform(), endpoint.path(), outcome.data(),
                            cost, balanceAfterDebit, state.requestId, false).header(Envelopes.CACHE, Envelopes.MISS)
                            .cacheLabel(Answer.MISS), 200, null, null, outcome.data()));
        }
        boolean storable = outcome.code() == ErrorCode.RESOURCE_NOT_FOUND;
        if (!outcome.refunds()) {
            return settleBatch.settle(state, request, balanceAfterDebit, null).map(v -> new Result(
                    failed(outcome, balanceAfterDebit, cost, state.requestId), storable, outcome.code().status(),
                    outcome.code().name(), outcome.message(), null, false));
        }
        if (stale != null && outcome.code().status() >= 500) {
            return refund(state, cost, balanceAfterDebit)
                    .map(balance -> Result.notStored(staleAnswer(state, request, stale, balance)));
        }
        return refund(state, cost, balanceAfterDebit).map(balance -> new Result(
                failed(outcome, balance, 0, state.requestId), storable, outcome.code().status(),
                outcome.code().name(), outcome.message(), null, false));
    }

    /** The expired entry when the request accepts data that old, else {@code null}. */
    private static CachedEntry usableStale(RequestState state, CachedEntry stale) {
        return stale != null && state.acceptsStale()
                && stale.staleWithin(System.currentTimeMillis(), state.maxStale) ? stale : null;
    }

    private Answer staleAnswer(RequestState state, ValidatedRequest request, CachedEntry stale, Long balance) {
        Endpoint endpoint = request.endpoint();
        metrics.staleServed(endpoint.platform());
        return envelopes.staleHit(endpoint.platform(), endpoint.path(), stale.raw(), stale.dataOffset(), balance,
                state.requestId, stale.ageSeconds(System.currentTimeMillis()));
    }

    /** The envelope of a fetch that did not succeed, with what it cost in the end. */
    private Answer failed(ProxyOutcome outcome, long balance, long creditsUsed, String requestId) {
        Answer answer = Envelopes.credits(envelopes.error(outcome.code(), outcome.message(), balance, requestId),
                creditsUsed, balance).header(Envelopes.CACHE, Envelopes.MISS).cacheLabel(Answer.MISS);
        if (outcome.retryAfter() != null) {
            answer.header("Retry-After", outcome.retryAfter());
        }
        return answer;
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
        return refund(state, cost, balanceAfterDebit).map(balance -> Result.notStored(Envelopes.credits(
                envelopes.error(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(), balance,
                        state.requestId), 0, balance).cacheLabel(Answer.MISS)));
    }

    private Uni<Answer> replay(RequestState state, IdempotencyRecord original, String data) {
        metrics.replayed();
        Endpoint endpoint = state.endpoint;
        return balances.current(state.key.accountId(), state.requestId).map(balance -> {
            Answer answer;
            if (original.status() != null && original.status() == 200) {
                answer = envelopes.success(endpoint.platform(), endpoint.path(), data, 0, balance,
                        state.requestId, false);
            } else {
                ErrorCode code = ErrorCode.fromType(original.errorType());
                answer = Envelopes.credits(envelopes.error(code == null ? ErrorCode.RESOURCE_NOT_FOUND : code,
                        original.message(), balance, state.requestId), 0, balance);
            }
            return answer.header(Envelopes.REPLAY, "true")
                    .header(Envelopes.ORIGINAL_REQUEST_ID, original.requestId())
                    .header(Envelopes.CACHE, Envelopes.MISS);
        });
    }
}

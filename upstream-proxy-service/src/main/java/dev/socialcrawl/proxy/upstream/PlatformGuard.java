package dev.socialcrawl.proxy.upstream;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

import dev.socialcrawl.proxy.config.PlatformPolicy;

/**
 * The protection of one platform: a SmallRye Fault Tolerance guard (the breaker) around the upstream call bounded by
 * the platform's timeout, plus a non-blocking bulkhead in front of it. The bulkhead sits outside the guard on
 * purpose: shedding load is not a platform failure and must never open the breaker. The timeout sits inside it, so
 * a call that runs out of time counts against the breaker; it is timed by the caller's event loop, because
 * SmallRye's own timeout wakes its timer thread for every call (measured: two context switches and about 7 % of
 * the proxy's CPU per request).
 */
final class PlatformGuard {
    private final PlatformPolicy policy;
    private final String breakerName;
    private final TypedGuard<Uni<UpstreamAnswer>> guard;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongSupplier clock;
    private volatile BreakerState state = BreakerState.CLOSED;
    private volatile long openedAtNanos;

    PlatformGuard(PlatformPolicy policy, String breakerName, LongSupplier clock, Consumer<PlatformGuard> onChange) {
        this.policy = policy;
        this.breakerName = breakerName;
        this.clock = clock;
        this.guard = TypedGuard.create(new TypeLiteral<Uni<UpstreamAnswer>>() {
        })
                .withDescription("upstream " + policy.platform())
                .withCircuitBreaker()
                .name(breakerName)
                .requestVolumeThreshold(policy.requestVolumeThreshold())
                .failureRatio(policy.failureRatio())
                .delay(policy.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(policy.successThreshold())
                .failOn(Throwable.class)
                .onStateChange(s -> {
                    stateChanged(s);
                    onChange.accept(this);
                })
                .done()
                .withThreadOffload(false)
                .build();
    }

    PlatformPolicy policy() {
        return policy;
    }

    String breakerName() {
        return breakerName;
    }

    /** Takes a bulkhead slot; {@code false} when the platform already has its maximum in flight. */
    boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= policy.maxConcurrent()) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    Uni<UpstreamAnswer> call(Supplier<Uni<UpstreamAnswer>> upstreamCall) {
        return guard.get(() -> bounded(upstreamCall.get()));
    }

    /** Fails with a {@link TimeoutException} when no answer came within the platform's timeout. */
    private Uni<UpstreamAnswer> bounded(Uni<UpstreamAnswer> call) {
        Supplier<Throwable> late = () -> new TimeoutException("no answer from " + policy.platform() + " within "
                + policy.timeout().toMillis() + " ms");
        if (!(Vertx.currentContext() instanceof ContextInternal context) || !Context.isOnEventLoopThread()) {
            return call.ifNoItem().after(policy.timeout()).failWith(late);
        }
        // The loop's timer fires outside the request's context: the failure is handed back to it.
        return call.ifNoItem().after(policy.timeout()).on(context.nettyEventLoop()).failWith(late)
                .onFailure(TimeoutException.class).recoverWithUni(timeout -> Uni.createFrom()
                        .emitter(emitter -> context.runOnContext(v -> emitter.fail(timeout))));
    }

    private void stateChanged(CircuitBreakerState s) {
        if (s == CircuitBreakerState.OPEN) {
            openedAtNanos = clock.getAsLong();
        }
        state = switch (s) {
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case CLOSED -> BreakerState.CLOSED;
        };
    }

    void markReset() {
        state = BreakerState.CLOSED;
    }

    /**
     * The state a client should see. SmallRye moves an open breaker to half-open only when the next call arrives,
     * so once the delay has passed the breaker is shown as half-open: it will let the next call through as a probe.
     */
    BreakerSnapshot snapshot() {
        BreakerState s = state;
        if (s != BreakerState.OPEN) {
            return new BreakerSnapshot(policy.platform(), s, null);
        }
        long remainingNanos = policy.breakerDelay().toNanos() - (clock.getAsLong() - openedAtNanos);
        if (remainingNanos <= 0) {
            return new BreakerSnapshot(policy.platform(), BreakerState.HALF_OPEN, null);
        }
        return new BreakerSnapshot(policy.platform(), BreakerState.OPEN, wholeSecondsAtLeastOne(remainingNanos));
    }

    /** Whole seconds until the breaker half-opens, at least 1 (the {@code Retry-After} value). */
    int retryAfterSeconds() {
        long remainingNanos = policy.breakerDelay().toNanos() - (clock.getAsLong() - openedAtNanos);
        return wholeSecondsAtLeastOne(remainingNanos);
    }

    private static int wholeSecondsAtLeastOne(long nanos) {
        long seconds = (nanos + 999_999_999L) / 1_000_000_000L;
        return (int) Math.max(1, seconds);
    }
}

package dev.socialcrawl.proxy.upstream;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.socialcrawl.proxy.config.PlatformPolicy;

/**
 * The protection of one platform: a SmallRye Fault Tolerance guard (the breaker) around the upstream call bounded by
 * the platform's timeout, plus a non-blocking bulkhead in front of it. The bulkhead sits outside the guard on
 * purpose: shedding load is not a platform failure and must never open the breaker. The timeout sits inside it, so
 * a call that runs out of time counts against the breaker; it is timed by a Vert.x timer on the request's context,
 * because SmallRye's own timeout wakes its timer thread for every call (two context switches per request).
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

    /** Calls holding a bulkhead slot right now. */
    int inFlight() {
        return inFlight.get();
    }

    Uni<UpstreamAnswer> call(Supplier<Uni<UpstreamAnswer>> upstreamCall) {
        return guard.get(() -> bounded(upstreamCall.get()));
    }

    /**
     * Fails with a {@link TimeoutException} when no answer came within the platform's timeout. On an event loop the
     * timer is a Vert.x timer of the request's own context: it fires on that context (so the failure is delivered
     * there), wakes no other thread, and is cancelled as soon as the answer arrives.
     */
    private Uni<UpstreamAnswer> bounded(Uni<UpstreamAnswer> call) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return call.ifNoItem().after(policy.timeout()).failWith(this::late);
        }
        Vertx vertx = context.owner();
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            AtomicReference<Cancellable> upstream = new AtomicReference<>();
            long timer = vertx.setTimer(Math.max(1, policy.timeout().toMillis()), id -> {
                if (settled.compareAndSet(false, true)) {
                    Cancellable running = upstream.get();
                    if (running != null) {
                        running.cancel();
                    }
                    emitter.fail(late());
                }
            });
            upstream.set(call.subscribe().with(answer -> {
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.complete(answer);
                }
            }, failure -> {
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.fail(failure);
                }
            }));
            emitter.onTermination(() -> {
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    Cancellable running = upstream.get();
                    if (running != null) {
                        running.cancel();
                    }
                }
            });
        });
    }

    private Throwable late() {
        return new TimeoutException("no answer from " + policy.platform() + " within " + policy.timeout().toMillis()
                + " ms");
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

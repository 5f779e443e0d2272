package dev.socialcrawl.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** The guard's own timeout: a failure for the breaker, delivered on the context of the request that made the call. */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class PlatformGuardTimeoutTest {
    private static final String PLATFORM = "amazon";

    /** Where and how one call ended. */
    record Ending(Throwable failure, Context context, boolean onEventLoop) {
    }

    @Inject
    BreakerRegistry breakers;

    @Inject
    CircuitBreakerMaintenance maintenance;

    @Inject
    Vertx vertx;

    @BeforeEach
    void freshBreakers() {
        breakers.resetAll();
    }

    @Test
    void callsThatNeverAnswerFailOnTheirOwnRequestContextAndOpenTheBreaker() throws Exception {
        PlatformGuard guard = breakers.guard(PLATFORM).orElseThrow();
        Context loop = vertx.getOrCreateContext();
        List<Context> requests = new ArrayList<>();
        List<CompletableFuture<Ending>> endings = new ArrayList<>();
        for (int i = 0; i < WireMockUpstream.WINDOW; i++) {
            Context request = VertxContext.createNewDuplicatedContext(loop);
            CompletableFuture<Ending> ending = new CompletableFuture<>();
            request.runOnContext(v -> guard.call(() -> Uni.createFrom().nothing()).subscribe().with(
                    answer -> ending.completeExceptionally(new AssertionError("answered " + answer)),
                    failure -> ending.complete(new Ending(failure, Vertx.currentContext(),
                            Context.isOnEventLoopThread()))));
            requests.add(request);
            endings.add(ending);
        }
        for (int i = 0; i < endings.size(); i++) {
            Ending ending = endings.get(i).get(10, TimeUnit.SECONDS);
            assertInstanceOf(TimeoutException.class, ending.failure());
            assertSame(requests.get(i), ending.context(), "delivered on the context of the call's request");
            assertTrue(ending.onEventLoop(), "on the event loop, no other thread involved");
        }
        assertEquals(CircuitBreakerState.OPEN, maintenance.currentState(guard.breakerName()),
                "every timeout counted as a failure");
    }

    @Test
    void anAnswerInTimeIsPassedOnAndCountsAsASuccess() throws Exception {
        PlatformGuard guard = breakers.guard(PLATFORM).orElseThrow();
        Context request = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        for (int i = 0; i < 2 * WireMockUpstream.WINDOW; i++) {
            CompletableFuture<UpstreamAnswer> answer = new CompletableFuture<>();
            request.runOnContext(v -> guard.call(() -> Uni.createFrom().item(new UpstreamAnswer.NoBody()))
                    .subscribe().with(answer::complete, answer::completeExceptionally));
            assertInstanceOf(UpstreamAnswer.NoBody.class, answer.get(10, TimeUnit.SECONDS));
        }
        assertEquals(CircuitBreakerState.CLOSED, maintenance.currentState(guard.breakerName()));
    }
}

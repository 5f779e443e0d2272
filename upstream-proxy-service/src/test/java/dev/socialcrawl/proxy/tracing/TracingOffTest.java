package dev.socialcrawl.proxy.tracing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;

/**
 * Tracing is off by default (docs/operations.md#tracing); the proxy has no spans of its own, and what could still cost
 * a request with tracing off, Mutiny capturing the OpenTelemetry context around each callback of the guarded upstream
 * call, is switched off by configuration.
 */
@QuarkusTest
class TracingOffTest {
    @Test
    void mutinyCallbacksLeaveTheOpenTelemetryContextAlone() {
        var plan = SmallRyeThreadContext.getCurrentThreadContextOrDefaultContexts().getPlan();
        assertTrue(plan.unchangedProviders.stream().anyMatch(p -> p.getThreadContextType().equals("OpenTelemetry")));
        assertTrue(Stream.concat(plan.propagatedProviders.stream(), plan.clearedProviders.stream())
                .noneMatch(p -> p.getThreadContextType().equals("OpenTelemetry")), "not captured around callbacks");
    }
}

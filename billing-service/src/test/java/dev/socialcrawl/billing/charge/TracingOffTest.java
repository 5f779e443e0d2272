package dev.socialcrawl.billing.charge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;

/**
 * Tracing is off by default (docs/operations.md#tracing), and off a debit does no tracing work: no debit span even
 * under a recording span (the SDK switched off still records, so billing checks the switch itself), the lanes run
 * their queries as they are, and Mutiny leaves the OpenTelemetry context alone around its callbacks.
 */
@QuarkusTest
class TracingOffTest {
    @Inject
    DebitSpans spans;
    @Inject
    OpenTelemetry openTelemetry;

    @Test
    void aDebitStartsNoSpanWhenTracingIsOff() {
        assertFalse(spans.enabled(), "the lanes skip the batch span entirely");
        Span request = openTelemetry.getTracer("test").spanBuilder("a request").startSpan();
        assertTrue(request.isRecording(), "the disabled SDK's tracer still records, so the switch must be checked");
        try (Scope ignored = request.makeCurrent()) {
            assertNull(spans.debit("req-tracing-off-0000000000", 1, 1));
        } finally {
            request.end();
        }
    }

    @Test
    void mutinyLeavesTheOpenTelemetryContextAlone() {
        var plan = SmallRyeThreadContext.getCurrentThreadContextOrDefaultContexts().getPlan();
        assertTrue(plan.unchangedProviders.stream().anyMatch(p -> p.getThreadContextType().equals("OpenTelemetry")));
        assertTrue(Stream.concat(plan.propagatedProviders.stream(), plan.clearedProviders.stream())
                .noneMatch(p -> p.getThreadContextType().equals("OpenTelemetry")), "not captured around callbacks");
    }
}

package dev.socialcrawl.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Tracing is off by default (docs/operations.md#tracing), and off costs a request nothing: no Redis span even under a
 * recording span (the SDK switched off still hands out recording spans, so the gateway checks the switch itself), and
 * Mutiny does not capture the OpenTelemetry context around its callbacks.
 */
@QuarkusTest
class TracingOffTest {
    @Inject
    RedisSpans spans;
    @Inject
    OpenTelemetry openTelemetry;

    @Test
    void noRedisSpanIsStartedWhenTracingIsOff() {
        Span request = openTelemetry.getTracer("test").spanBuilder("a request").startSpan();
        assertTrue(request.isRecording(), "the disabled SDK's tracer still records, so the switch must be checked");
        try (Scope ignored = request.makeCurrent()) {
            assertNull(spans.start(Request.cmd(Command.GET).arg("k")));
            assertNull(spans.start(List.of(Request.cmd(Command.GET).arg("k"), Request.cmd(Command.EXISTS).arg("k"))));
            Future<String> reply = Future.succeededFuture("v");
            assertEquals(reply, spans.end(null, reply), "the reply is handed back as it is");
        } finally {
            request.end();
        }
    }

    @Test
    void mutinyCallbacksDoNotCaptureTheOpenTelemetryContext() {
        var plan = SmallRyeThreadContext.getCurrentThreadContextOrDefaultContexts().getPlan();
        Set<String> captured = Stream.concat(plan.propagatedProviders.stream(), plan.clearedProviders.stream())
                .map(ThreadContextProvider::getThreadContextType).collect(Collectors.toSet());
        Set<String> unchanged = plan.unchangedProviders.stream().map(ThreadContextProvider::getThreadContextType)
                .collect(Collectors.toSet());
        assertTrue(unchanged.contains("OpenTelemetry"), "OpenTelemetry's provider is there and left alone: " + unchanged);
        assertFalse(captured.contains("OpenTelemetry"), "captured around every callback: " + captured);
    }
}

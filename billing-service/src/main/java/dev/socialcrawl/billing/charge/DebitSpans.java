package dev.socialcrawl.billing.charge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import dev.socialcrawl.errors.rest.RequestIdSpans;

/**
 * Tracing on: a span per debit ({@code billing.debit}: request id, account, amount, outcome) from its arrival to its
 * answer, and a span per transaction of a lane ({@code billing.debit-batch}, with the number of debits it carried).
 * A batch carries debits of several requests: its span joins the trace of its first traced debit and links the
 * others, and the PostgreSQL query runs under it, so the reactive client's span is its child. Tracing off
 * ({@code quarkus.otel.sdk.disabled=true}) there is no tracer: {@link #debit} answers null at once and the lanes run
 * their queries as they are.
 */
@Singleton
public class DebitSpans {
    private static final AttributeKey<Long> ACCOUNT = AttributeKey.longKey("billing.account_id");
    private static final AttributeKey<Long> AMOUNT = AttributeKey.longKey("billing.debit.amount");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("billing.debit.outcome");
    private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("billing.debit.batch_size");

    private final Tracer tracer;

    public DebitSpans(OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = disabled ? null : openTelemetry.getTracer("dev.socialcrawl.billing.charge");
    }

    boolean enabled() {
        return tracer != null;
    }

    /** The debit's span, under the current request's; null when tracing is off or the request is not traced. */
    Span debit(String requestId, long accountId, long amount) {
        if (tracer == null) {
            return null;
        }
        Context parent = Context.current();
        if (!Span.fromContext(parent).isRecording()) {
            return null;
        }
        return tracer.spanBuilder("billing.debit").setParent(parent).setAttribute(RequestIdSpans.REQUEST_ID, requestId)
                .setAttribute(ACCOUNT, accountId).setAttribute(AMOUNT, amount).startSpan();
    }

    /** Ends a debit's span (if any) with its outcome or its failure. */
    static void answered(Span span, DebitOutcome outcome, Throwable failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        } else {
            span.setAttribute(OUTCOME, outcome.name().toLowerCase(Locale.ROOT));
        }
        span.end();
    }

    /**
     * Runs one transaction's query under a batch span when one of its debits is traced ({@code debits} holds their
     * spans, null for an untraced one); otherwise runs it as it is. Call only when {@link #enabled}.
     */
    <T> Future<T> batch(List<Span> debits, Supplier<Future<T>> query) {
        List<Span> traced = new ArrayList<>(debits.size());
        for (Span s : debits) {
            if (s != null) {
                traced.add(s);
            }
        }
        if (traced.isEmpty()) {
            return query.get();
        }
        SpanBuilder builder = tracer.spanBuilder("billing.debit-batch").setParent(Context.root().with(traced.get(0)))
                .setAttribute(BATCH_SIZE, (long) debits.size());
        for (int i = 1; i < traced.size(); i++) {
            builder.addLink(traced.get(i).getSpanContext());
        }
        Span batch = builder.startSpan();
        Promise<T> done = Promise.promise();
        // The reactive client takes its span's parent from the Vert.x context it is called on: a duplicated context
        // of the lane's own, made for this query alone (so its scope is left open; the context is dropped after).
        VertxContext.createNewDuplicatedContext().runOnContext(v -> {
            Context.root().with(batch).makeCurrent();
            query.get().onComplete(result -> {
                if (result.failed()) {
                    batch.recordException(result.cause());
                    batch.setStatus(StatusCode.ERROR);
                }
                batch.end();
                done.handle(result);
            });
        });
        return done.future();
    }
}

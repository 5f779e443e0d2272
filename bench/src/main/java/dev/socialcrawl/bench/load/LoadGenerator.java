package dev.socialcrawl.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-model, constant-rate load generator.
 *
 * <p>A dedicated scheduler thread releases request {@code i} at {@code start + i / rate}, whether or not earlier
 * requests have been answered, and hands it to a Vert.x event loop; the HTTP client keeps at most
 * {@code connections} keep-alive connections per target and queues the rest. Latency is measured from the
 * scheduled time, so a stalled target shows up in the percentiles of every request that had to wait behind the
 * stall (coordinated omission is not hidden), as in wrk2.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Vertx vertx;
    private final boolean ownsVertx;
    /** Where each run writes one line per measured request, or {@code null}: see {@link RequestTrace}. */
    private final Path traceDir;
    private final Map<String, AtomicInteger> traceNames = new ConcurrentHashMap<>();

    public LoadGenerator() {
        this(Vertx.vertx(), true, null);
    }

    public LoadGenerator(Vertx vertx) {
        this(vertx, false, null);
    }

    /** @param traceDir where every run writes its requests' times ({@link RequestTrace}); {@code null}: nowhere */
    public LoadGenerator(Path traceDir) {
        this(Vertx.vertx(), true, traceDir);
    }

    private LoadGenerator(Vertx vertx, boolean ownsVertx, Path traceDir) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.traceDir = traceDir;
    }

    public LoadResult run(LoadSpec spec, RequestSupplier supplier) {
        return run(spec, supplier, MeasuredWindow.NONE);
    }

    /**
     * As {@link #run(LoadSpec, RequestSupplier)}, telling {@code window} when the measured window opens (the first
     * request due after the warm-up is released) and closes (the schedule's end; answers still in flight are not
     * waited for).
     */
    public LoadResult run(LoadSpec spec, RequestSupplier supplier, MeasuredWindow window) {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(spec.connections()).setMaxWaitQueueSize(-1));
        try {
            RequestTrace trace = traceDir == null ? null : new RequestTrace(spec);
            LoadResult result = new Run(spec, supplier, client, vertx.getOrCreateContext(), window, trace).execute();
            if (trace != null) {
                trace.write(traceFile(spec.name()));
            }
            return result;
        } finally {
            client.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** {@code <traceDir>/<name>.tsv}, the name made safe for a file; a name used again gets {@code -2}, {@code -3}… */
    private Path traceFile(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        int n = traceNames.computeIfAbsent(safe, k -> new AtomicInteger()).incrementAndGet();
        return traceDir.resolve(n == 1 ? safe + ".tsv" : safe + "-" + n + ".tsv");
    }

    @Override
    public void close() {
        if (ownsVertx) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /**
     * Told when the measured window of a run opens and closes, e.g. to read CPU counters around it. Called on the
     * scheduler thread: an implementation must return at once (hand slow work to another thread), or it delays the
     * schedule.
     */
    public interface MeasuredWindow {

        MeasuredWindow NONE = new MeasuredWindow() {
            @Override
            public void opened() {
            }

            @Override
            public void closed() {
            }
        };

        void opened();

        void closed();
    }

    /** The state of one run; lives for the duration of {@link #run}. */
    private static final class Run {

        private final LoadSpec spec;
        private final RequestSupplier supplier;
        private final HttpClient client;
        private final Context context;
        private final MeasuredWindow window;
        private final Histogram latency = new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, 3);
        private final Histogram serviceTime = new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, 3);
        /** Latency by the second of the measured window a request was scheduled in. */
        private final Histogram[] perSecond;
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> headerValues = new ConcurrentHashMap<>();
        private final AtomicLong inFlight = new AtomicLong();
        private final AtomicLong lastMeasuredCompletion = new AtomicLong();
        private final LongAdder scheduled = new LongAdder();
        private final LongAdder completed = new LongAdder();
        private final LongAdder succeeded = new LongAdder();
        private final RequestTrace trace;

        Run(LoadSpec spec, RequestSupplier supplier, HttpClient client, Context context, MeasuredWindow window,
                RequestTrace trace) {
            this.spec = spec;
            this.supplier = supplier;
            this.client = client;
            this.context = context;
            this.window = window;
            this.trace = trace;
            this.perSecond = new Histogram[(int) Math.max(1, (spec.duration().toMillis() + 999) / 1000)];
            for (int i = 0; i < perSecond.length; i++) {
                perSecond[i] = new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, 2);
            }
        }

        LoadResult execute() {
            double periodNanos = 1e9 / spec.rate();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long measureFrom = start + spec.warmup().toNanos();
            long end = measureFrom + spec.duration().toNanos();
            boolean open = false;
            for (long i = 0; ; i++) {
                long due = start + (long) (i * periodNanos);
                if (due >= end) {
                    break;
                }
                waitUntil(due);
                boolean measured = due >= measureFrom;
                if (measured && !open) {
                    open = true;
                    window.opened();
                }
                if (measured) {
                    scheduled.increment();
                }
                RequestSpec request = supplier.next(i);
                if (inFlight.get() >= spec.maxOutstanding()) {
                    if (measured) {
                        count(errorKinds, "overload");
                    }
                    continue;
                }
                inFlight.incrementAndGet();
                Histogram second = measured ? perSecond[(int) Math.min(perSecond.length - 1,
                        (due - measureFrom) / 1_000_000_000L)] : null;
                context.runOnContext(v -> send(request, due, second));
            }
            waitUntil(end);
            if (!open) {
                window.opened();
            }
            window.closed();
            awaitDrain();
            return result(measureFrom, end);
        }

        private static void waitUntil(long due) {
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
        }

        /** {@code second} is where the request's latency goes besides the run's histogram; {@code null}: warm-up. */
        private void send(RequestSpec request, long due, Histogram second) {
            long timeoutMs = spec.timeout().toMillis();
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.valueOf(request.method()))
                    .setHost(request.host())
                    .setPort(request.port())
                    .setURI(request.uri())
                    .setConnectTimeout(timeoutMs)
                    .setIdleTimeout(timeoutMs);
            request.headers().forEach(options::putHeader);
            long[] writtenAt = {due};
            client.request(options)
                    .compose(req -> {
                        writtenAt[0] = System.nanoTime();
                        return request.body() == null ? req.send() : req.send(Buffer.buffer(request.body()));
                    })
                    .compose(response -> response.body().map(body -> response))
                    .onComplete(ar -> {
                        long now = System.nanoTime();
                        inFlight.decrementAndGet();
                        if (second != null) {
                            second.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, (now - due) / 1000));
                            record(ar.succeeded() ? ar.result() : null, ar.cause(), due, writtenAt[0], now);
                        }
                    });
        }

        private void record(HttpClientResponse response, Throwable failure, long due, long writtenAt, long now) {
            latency.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, (now - due) / 1000));
            if (trace != null) {
                trace.add(due, now, response == null ? -1 : writtenAt, response == null ? 0 : response.statusCode());
            }
            lastMeasuredCompletion.accumulateAndGet(now, Math::max);
            if (response == null) {
                count(errorKinds, kindOf(failure));
                return;
            }
            serviceTime.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(0, now - writtenAt) / 1000));
            completed.increment();
            int status = response.statusCode();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status >= 200 && status < 300) {
                succeeded.increment();
            }
            if (spec.trackedHeader() != null) {
                String value = response.getHeader(spec.trackedHeader());
                count(headerValues, value == null ? "(absent)" : value);
            }
        }

        static String kindOf(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                    return "timeout";
                }
                if (t instanceof ConnectException) {
                    return "connect";
                }
            }
            return "io";
        }

        private void awaitDrain() {
            long deadline = System.nanoTime() + spec.timeout().toNanos() + TimeUnit.SECONDS.toNanos(2);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            long stuck = inFlight.get();
            if (stuck > 0) {
                errorKinds.computeIfAbsent("unfinished", k -> new LongAdder()).add(stuck);
            }
        }

        private LoadResult result(long measureFrom, long end) {
            long spanEnd = Math.max(end, lastMeasuredCompletion.get());
            double span = (spanEnd - measureFrom) / 1e9;
            long done = completed.sum();
            long ok = succeeded.sum();
            long failures = errorKinds.values().stream().mapToLong(LongAdder::sum).sum();
            return new LoadResult(spec.name(), spec.rate(), spec.duration().toNanos() / 1e9, spec.connections(),
                    scheduled.sum(), done, round(done / span), round(ok / span),
                    LatencySummary.of(latency), LatencySummary.of(serviceTime),
                    sorted(statuses), sorted(errorKinds), (done - ok) + failures, sorted(headerValues), null,
                    timeline());
        }

        private List<SecondSummary> timeline() {
            List<SecondSummary> seconds = new ArrayList<>(perSecond.length);
            for (int i = 0; i < perSecond.length; i++) {
                LatencySummary s = LatencySummary.of(perSecond[i]);
                seconds.add(new SecondSummary(i, s.count(), s.p99(), s.max()));
            }
            return List.copyOf(seconds);
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }

        private static <K> Map<String, Long> sorted(Map<K, LongAdder> counts) {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(String.valueOf(k), v.sum()));
            return out;
        }

        private static void count(Map<String, LongAdder> counts, String key) {
            counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }
}

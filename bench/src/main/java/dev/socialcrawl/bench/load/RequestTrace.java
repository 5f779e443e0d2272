package dev.socialcrawl.bench.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every measured request of one run, one line each, for finding what a percentile hides: when the slow requests were
 * scheduled, and whether they cluster at a rhythm (a timer, a collector, the kernel) that a histogram cannot show.
 * Written by {@link LoadGenerator} when {@code BENCH_TRACE_DIR} is set, as tab-separated text with a header:
 * {@code scheduled_epoch_us} (wall-clock time the request was due, to match other logs), {@code latency_us} (from
 * then to the answer), {@code service_us} (from writing it to the answer; -1 when it failed) and {@code status}
 * (0 when it failed). The times are kept in one array sized for the run, so tracing allocates nothing per request;
 * requests beyond that size (an overloaded run's late answers) are counted, not kept.
 */
final class RequestTrace {

    private static final int FIELDS = 4;

    private final long epochOffsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    /** Written by the client's event loop, read by the scheduler thread at the end: volatile element writes. */
    private final AtomicLongArray values;
    private final AtomicInteger next = new AtomicInteger();

    RequestTrace(LoadSpec spec) {
        long expected = (long) Math.ceil(spec.rate() * spec.duration().toNanos() / 1e9) + 16;
        this.values = new AtomicLongArray((int) Math.min(expected, Integer.MAX_VALUE / FIELDS) * FIELDS);
    }

    /** @param writtenAt {@code System.nanoTime()} when the request was written, or -1 when it failed */
    void add(long due, long answeredAt, long writtenAt, int status) {
        int i = next.getAndIncrement() * FIELDS;
        if (i < 0 || i + FIELDS > values.length()) {
            return;
        }
        values.set(i + 1, (answeredAt - due) / 1000);
        values.set(i + 2, writtenAt < 0 ? -1 : Math.max(0, answeredAt - writtenAt) / 1000);
        values.set(i + 3, status);
        values.set(i, (due + epochOffsetNanos) / 1000); // last: a row whose time is still 0 is not complete yet
    }

    void write(Path file) {
        int kept = Math.min(next.get(), values.length() / FIELDS);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                out.write("scheduled_epoch_us\tlatency_us\tservice_us\tstatus\n");
                for (int r = 0; r < kept; r++) {
                    int i = r * FIELDS;
                    long scheduled = values.get(i);
                    if (scheduled != 0) {
                        out.write(scheduled + "\t" + values.get(i + 1) + "\t" + values.get(i + 2) + "\t"
                                + values.get(i + 3) + "\n");
                    }
                }
                if (next.get() > kept) {
                    out.write("# " + (next.get() - kept) + " more requests answered than this trace had room for\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the request trace " + file, e);
        }
    }
}

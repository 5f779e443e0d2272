package dev.socialcrawl.bench.suite;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the RSS of some processes twice a second and keeps each one's peak while it is running. */
public final class RssSampler implements AutoCloseable {

    private final Map<String, Double> peaks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    public RssSampler(List<ChildProcess> processes) {
        timer.scheduleAtFixedRate(() -> processes.forEach(p -> {
            double rss = p.rssMiB();
            if (rss > 0) {
                peaks.merge(p.name(), rss, Math::max);
            }
        }), 0, 500, TimeUnit.MILLISECONDS);
    }

    /** Peak RSS in MiB per process name seen so far. */
    public Map<String, Double> peaks() {
        return Map.copyOf(peaks);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package dev.socialcrawl.bench.load;

import java.time.Duration;

/**
 * How one constant-rate run is shaped.
 *
 * @param name           scenario or step name for the report
 * @param rate           offered requests per second, sent on a fixed schedule whatever the responses do
 * @param warmup         leading time whose requests are sent but left out of every figure
 * @param duration       measured time after the warm-up
 * @param connections    maximum HTTP/1.1 connections per target (the client's pool size)
 * @param timeout        per-request timeout (waiting for a pooled connection included)
 * @param maxOutstanding requests in flight beyond which a scheduled send is counted as {@code overload} instead
 *                       of queued, so an overloaded target cannot exhaust the generator's memory
 * @param trackedHeader  response header whose values are counted (e.g. {@code X-Cache}), or {@code null}
 */
public record LoadSpec(String name, double rate, Duration warmup, Duration duration, int connections,
                       Duration timeout, int maxOutstanding, String trackedHeader) {

    public LoadSpec {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be > 0 requests/s, was " + rate);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative, was " + warmup);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1, was " + connections);
        }
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be >= 1, was " + maxOutstanding);
        }
    }

    public static LoadSpec of(String name, double rate, Duration warmup, Duration duration, int connections) {
        return new LoadSpec(name, rate, warmup, duration, connections, Duration.ofSeconds(10), 50_000, null);
    }

    public LoadSpec withName(String newName) {
        return new LoadSpec(newName, rate, warmup, duration, connections, timeout, maxOutstanding, trackedHeader);
    }

    public LoadSpec withRate(double newRate) {
        return new LoadSpec(name, newRate, warmup, duration, connections, timeout, maxOutstanding, trackedHeader);
    }

    public LoadSpec withTimeout(Duration newTimeout) {
        return new LoadSpec(name, rate, warmup, duration, connections, newTimeout, maxOutstanding, trackedHeader);
    }

    public LoadSpec trackingHeader(String header) {
        return new LoadSpec(name, rate, warmup, duration, connections, timeout, maxOutstanding, header);
    }
}

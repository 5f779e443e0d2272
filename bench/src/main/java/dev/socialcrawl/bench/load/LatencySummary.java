package dev.socialcrawl.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one histogram, in milliseconds (recorded in microseconds).
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50.0)),
                ms(micros.getValueAtPercentile(90.0)),
                ms(micros.getValueAtPercentile(99.0)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                Math.round(micros.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}

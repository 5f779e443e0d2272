package dev.socialcrawl.bench.load;

import java.util.List;

/**
 * The requests scheduled in one second of a run's measured window, by their latency from the scheduled time: where
 * in the run a stall happened, which the run's percentiles alone cannot say.
 *
 * @param second the second of the measured window, from 0
 * @param count  requests scheduled in it that got an answer or failed
 * @param p99    their 99th percentile, ms
 * @param max    their slowest, ms
 */
public record SecondSummary(int second, long count, double p99, double max) {

    /** The second with the highest p99, or {@code null} for an empty timeline. */
    public static SecondSummary worst(List<SecondSummary> timeline) {
        SecondSummary worst = null;
        for (SecondSummary s : timeline) {
            if (s.count() > 0 && (worst == null || s.p99() > worst.p99())) {
                worst = s;
            }
        }
        return worst;
    }
}

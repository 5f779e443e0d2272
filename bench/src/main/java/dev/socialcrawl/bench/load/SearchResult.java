package dev.socialcrawl.bench.load;

import java.util.List;

/**
 * Outcome of a max-throughput search.
 *
 * @param name         what was searched
 * @param policy       the bounds used
 * @param steps        every step run, in order
 * @param maxGoodRate  highest offered rate whose step held every bound (0 when even the first broke)
 * @param maxGoodRps   2xx responses/s achieved at that rate
 * @param stopReason   why the search stopped
 */
public record SearchResult(String name, SearchPolicy policy, List<Step> steps, double maxGoodRate,
                           double maxGoodRps, String stopReason) {

    /** One step: its result and the bound it broke, if any. */
    public record Step(LoadResult result, String breach) {
    }
}

package dev.socialcrawl.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Raises the offered rate step by step ({@code × factor}) until a step breaks the policy (p99 bound, achieved
 * throughput, errors), then bisects between the last good and the broken rate; reports the highest good rate.
 * A step that broke only the p99 bound while its throughput and errors held runs once more at the same rate, and
 * counts as broken only if that run breaks too: on this shared virtual machine one 100-200 ms stall of a single
 * second (the host's, or a collector's) lifts a whole step's p99 at rates the suite otherwise holds, and is not a
 * throughput limit. Both runs stay in the steps, so the stall stays in the report.
 */
public final class MaxThroughputSearch {

    private final SearchPolicy policy;

    public MaxThroughputSearch(SearchPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param probe runs one constant-rate step at the given rate and returns its result
     */
    public SearchResult search(String name, DoubleFunction<LoadResult> probe) {
        List<SearchResult.Step> steps = new ArrayList<>();
        LoadResult good = null;
        double goodRate = 0;
        double brokenRate = 0;
        String stopReason = "reached " + policy.maxSteps() + " steps without breaking a bound";
        double rate = policy.startRate();
        for (int i = 0; i < policy.maxSteps(); i++) {
            LoadResult step = probe.apply(rate);
            String breach = confirmed(rate, step, probe, steps);
            if (breach != null) {
                brokenRate = rate;
                stopReason = String.format(java.util.Locale.ROOT, "%.0f/s broke: %s", rate, breach);
                break;
            }
            good = steps.get(steps.size() - 1).result();
            goodRate = rate;
            rate = Math.round(rate * policy.factor());
        }
        for (int i = 0; brokenRate > 0 && goodRate > 0 && i < policy.refineSteps(); i++) {
            double mid = Math.round((goodRate + brokenRate) / 2);
            if (mid <= goodRate || mid >= brokenRate) {
                break;
            }
            LoadResult step = probe.apply(mid);
            String breach = confirmed(mid, step, probe, steps);
            if (breach == null) {
                good = steps.get(steps.size() - 1).result();
                goodRate = mid;
            } else {
                brokenRate = mid;
            }
        }
        return new SearchResult(name, policy, List.copyOf(steps), goodRate, good == null ? 0 : good.successRps(),
                stopReason);
    }

    /** Records {@code step} and, when only its p99 broke, a second run at the same rate; the breach that stands. */
    private String confirmed(double rate, LoadResult step, DoubleFunction<LoadResult> probe,
            List<SearchResult.Step> steps) {
        String breach = policy.breach(step);
        steps.add(new SearchResult.Step(step, breach));
        if (breach == null || !policy.onlyLatencyBroke(step)) {
            return breach;
        }
        LoadResult again = probe.apply(rate);
        String second = policy.breach(again);
        steps.add(new SearchResult.Step(again, second));
        return second;
    }
}

package dev.socialcrawl.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Raises the offered rate step by step ({@code × factor}) until a step breaks the policy (p99 bound, achieved
 * throughput, errors), then bisects between the last good and the broken rate; reports the highest good rate.
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
            String breach = policy.breach(step);
            steps.add(new SearchResult.Step(step, breach));
            if (breach != null) {
                brokenRate = rate;
                stopReason = String.format(java.util.Locale.ROOT, "%.0f/s broke: %s", rate, breach);
                break;
            }
            good = step;
            goodRate = rate;
            rate = Math.round(rate * policy.factor());
        }
        for (int i = 0; brokenRate > 0 && goodRate > 0 && i < policy.refineSteps(); i++) {
            double mid = Math.round((goodRate + brokenRate) / 2);
            if (mid <= goodRate || mid >= brokenRate) {
                break;
            }
            LoadResult step = probe.apply(mid);
            String breach = policy.breach(step);
            steps.add(new SearchResult.Step(step, breach));
            if (breach == null) {
                good = step;
                goodRate = mid;
            } else {
                brokenRate = mid;
            }
        }
        return new SearchResult(name, policy, List.copyOf(steps), goodRate, good == null ? 0 : good.successRps(),
                stopReason);
    }
}

package dev.socialcrawl.bench.load;

/**
 * How the max-throughput search raises the rate and when a step counts as broken.
 *
 * @param startRate        first offered rate (requests/s)
 * @param factor           each next step offers {@code factor ×} the previous rate
 * @param maxSteps         the search stops after this many rising steps even if nothing broke
 * @param p99BoundMs       a step breaks when its p99 (from the scheduled time) exceeds this
 * @param minAchievedRatio a step breaks when 2xx responses/s fall below this share of the offered rate
 * @param maxErrorRatio    a step breaks when more than this share of its requests failed
 * @param refineSteps      after a break, this many extra steps bisect between the last good and the broken rate
 */
public record SearchPolicy(double startRate, double factor, int maxSteps, double p99BoundMs,
                           double minAchievedRatio, double maxErrorRatio, int refineSteps) {

    public SearchPolicy {
        if (!(startRate > 0) || !(factor > 1) || maxSteps < 1 || refineSteps < 0) {
            throw new IllegalArgumentException("a search needs startRate > 0, factor > 1, maxSteps >= 1");
        }
    }

    /** Why a step is broken, or {@code null} when it held. */
    public String breach(LoadResult step) {
        if (step.latency().p99() > p99BoundMs) {
            return String.format(java.util.Locale.ROOT, "p99 %.1f ms > bound %.0f ms", step.latency().p99(), p99BoundMs);
        }
        if (step.successRps() < minAchievedRatio * step.offeredRps()) {
            return String.format(java.util.Locale.ROOT, "2xx throughput %.0f/s < %.0f %% of offered %.0f/s",
                    step.successRps(), minAchievedRatio * 100, step.offeredRps());
        }
        if (step.errorRatio() > maxErrorRatio) {
            return String.format(java.util.Locale.ROOT, "errors %.2f %% > %.2f %%", step.errorRatio() * 100,
                    maxErrorRatio * 100);
        }
        return null;
    }

    /** The step broke the p99 bound while its throughput and errors held: a stall, not saturation. */
    public boolean onlyLatencyBroke(LoadResult step) {
        return step.latency().p99() > p99BoundMs && step.successRps() >= minAchievedRatio * step.offeredRps()
                && step.errorRatio() <= maxErrorRatio;
    }
}

package dev.socialcrawl.bench.load;

import java.util.List;
import java.util.Map;

/**
 * What one constant-rate run measured; only requests scheduled after the warm-up count.
 *
 * @param name            run name
 * @param offeredRps      the configured rate
 * @param measuredSeconds length of the measured window (after the warm-up)
 * @param connections     pool size used
 * @param scheduled       requests scheduled in the measured window
 * @param completed       of those, requests that got an HTTP response (any status)
 * @param achievedRps     responses per second over the measured window, extended to the last measured
 *                        response when the target lagged behind the schedule
 * @param successRps      2xx responses per second over the same span
 * @param latency         response time from the <em>scheduled</em> send time (free of coordinated omission)
 * @param serviceTime     response time from the moment a connection was obtained and the request written
 *                        (what a closed-loop tool would report; shown for contrast only)
 * @param statusCounts    responses by HTTP status
 * @param errorKinds      failures without a status: {@code connect}, {@code timeout}, {@code io},
 *                        {@code overload} (not sent: too many in flight)
 * @param errors          non-2xx responses plus failures
 * @param headerCounts    values of the tracked response header, if any
 * @param cpu             CPU used by the suite's processes during the measured window, or {@code null} when it was
 *                        not accounted
 * @param timeline        the measured window second by second ({@link SecondSummary}), empty when not recorded
 */
public record LoadResult(String name, double offeredRps, double measuredSeconds, int connections, long scheduled,
                         long completed, double achievedRps, double successRps, LatencySummary latency,
                         LatencySummary serviceTime, Map<String, Long> statusCounts, Map<String, Long> errorKinds,
                         long errors, Map<String, Long> headerCounts, CpuUsage cpu, List<SecondSummary> timeline) {

    /** A result without CPU accounting or timeline. */
    public LoadResult(String name, double offeredRps, double measuredSeconds, int connections, long scheduled,
                      long completed, double achievedRps, double successRps, LatencySummary latency,
                      LatencySummary serviceTime, Map<String, Long> statusCounts, Map<String, Long> errorKinds,
                      long errors, Map<String, Long> headerCounts) {
        this(name, offeredRps, measuredSeconds, connections, scheduled, completed, achievedRps, successRps, latency,
                serviceTime, statusCounts, errorKinds, errors, headerCounts, null, List.of());
    }

    public LoadResult withCpu(CpuUsage usage) {
        return new LoadResult(name, offeredRps, measuredSeconds, connections, scheduled, completed, achievedRps,
                successRps, latency, serviceTime, statusCounts, errorKinds, errors, headerCounts, usage, timeline);
    }

    public double errorRatio() {
        return scheduled == 0 ? 0 : (double) errors / scheduled;
    }
}

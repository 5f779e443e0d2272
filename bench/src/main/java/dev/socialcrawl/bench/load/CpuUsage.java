package dev.socialcrawl.bench.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used during the measured window of one run (after its warm-up), per process and by the whole machine.
 * A {@code null} value means the process had exited or could not be read at one end of the window.
 *
 * @param seconds              length of the window between the two snapshots
 * @param requests             requests answered in the window (the run's {@code completed})
 * @param cpuMs                user + system CPU ms per process, in column order
 * @param msPerRequest         {@code cpuMs / requests} per process
 * @param totalMsPerRequest    sum of the readable processes' {@code msPerRequest}, or {@code null} when none was
 * @param machineMsPerRequest  busy CPU ms of the whole machine (every core, every process, the kernel) per request
 * @param machineBusyPercent   busy share of all cores over the window: cores × wall time − idle − iowait
 *                             ({@code /proc/stat}), over cores × wall time
 * @param machineBusyPercentSampled the same from the tick-sampled busy fields of {@code /proc/stat} (total − idle −
 *                             iowait over total); kept for comparison: on a tickless (virtual) machine it can read
 *                             far off at light load, while idle time is measured exactly
 * @param machineStealPercent  share of all cores' time over the window that the hypervisor gave to others while
 *                             this machine wanted to run ({@code steal} of {@code /proc/stat}, over cores × wall
 *                             time); it is inside the busy share, as idle time does not advance while stolen
 * @param jitMs                CPU ms of the JIT compiler threads of the named JVMs (the services and the bench
 *                             servers), already inside their {@code cpuMs}; {@code null} when not read
 * @param jitMsPerRequest      {@code jitMs / requests}
 */
public record CpuUsage(double seconds, long requests, Map<String, Double> cpuMs, Map<String, Double> msPerRequest,
                       Double totalMsPerRequest, Double machineMsPerRequest, Double machineBusyPercent,
                       Double machineBusyPercentSampled, Double machineStealPercent, Double jitMs,
                       Double jitMsPerRequest) {

    /**
     * @param cpuMs              CPU ms per process, {@code null} for a process that could not be read
     * @param machineBusyMs      busy CPU ms of the machine, or {@code null}
     * @param machineBusyPercent busy share of all cores, or {@code null}
     */
    public static CpuUsage of(double seconds, long requests, Map<String, Double> cpuMs, Double machineBusyMs,
                              Double machineBusyPercent) {
        return of(seconds, requests, cpuMs, machineBusyMs, machineBusyPercent, null);
    }

    public static CpuUsage of(double seconds, long requests, Map<String, Double> cpuMs, Double machineBusyMs,
                              Double machineBusyPercent, Double machineBusyPercentSampled) {
        return of(seconds, requests, cpuMs, machineBusyMs, machineBusyPercent, machineBusyPercentSampled, null);
    }

    public static CpuUsage of(double seconds, long requests, Map<String, Double> cpuMs, Double machineBusyMs,
                              Double machineBusyPercent, Double machineBusyPercentSampled,
                              Double machineStealPercent) {
        return of(seconds, requests, cpuMs, machineBusyMs, machineBusyPercent, machineBusyPercentSampled,
                machineStealPercent, null);
    }

    public static CpuUsage of(double seconds, long requests, Map<String, Double> cpuMs, Double machineBusyMs,
                              Double machineBusyPercent, Double machineBusyPercentSampled,
                              Double machineStealPercent, Double jitMs) {
        Map<String, Double> perRequest = new LinkedHashMap<>();
        Double total = null;
        for (Map.Entry<String, Double> e : cpuMs.entrySet()) {
            Double value = perRequest(e.getValue(), requests);
            perRequest.put(e.getKey(), value);
            if (value != null) {
                total = (total == null ? 0 : total) + value;
            }
        }
        return new CpuUsage(round(seconds, 3), requests, Collections.unmodifiableMap(new LinkedHashMap<>(cpuMs)),
                Collections.unmodifiableMap(perRequest), total == null ? null : round(total, 4),
                perRequest(machineBusyMs, requests),
                machineBusyPercent == null ? null : round(machineBusyPercent, 1),
                machineBusyPercentSampled == null ? null : round(machineBusyPercentSampled, 1),
                machineStealPercent == null ? null : round(machineStealPercent, 1),
                jitMs == null ? null : round(jitMs, 1), perRequest(jitMs, requests));
    }

    /** The JIT compiler threads' CPU over the window in percent of one core, or {@code null} when not read. */
    public Double jitCorePercent() {
        return jitMs == null || seconds <= 0 ? null : round(100 * jitMs / (seconds * 1000), 1);
    }

    private static Double perRequest(Double ms, long requests) {
        return ms == null || requests <= 0 ? null : round(ms / requests, 4);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}

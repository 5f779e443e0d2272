package dev.socialcrawl.bench.report;

import dev.socialcrawl.bench.load.LatencySummary;

/**
 * The disk's commit flush at one point of a run: {@code pg_test_fsync}'s "one 8 kB write + fdatasync", back to
 * back, beside PostgreSQL's data directory. A synchronous commit waits for one such flush, so this tail is a floor
 * under the tail of every request that waits for a commit.
 *
 * @param when       the point of the run it was measured at
 * @param flushes    how many flushes were timed
 * @param perSecond  flushes per second (the disk's flush rate)
 * @param latency    each flush's time (write + fdatasync), in ms; {@link LatencySummary#EMPTY} if it failed
 */
public record FlushLatency(String when, long flushes, double perSecond, LatencySummary latency) {
}

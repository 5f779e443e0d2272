package dev.socialcrawl.bench.report;

/**
 * One performance target of issue 8 against this run.
 *
 * @param target   the target as stated
 * @param measured the figure, with the numbers it was computed from
 * @param met      {@code true}/{@code false}, or {@code null} when a scenario it needs did not run
 */
public record TargetCheck(String target, String measured, Boolean met) {
}

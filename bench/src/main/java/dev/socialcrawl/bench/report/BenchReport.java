package dev.socialcrawl.bench.report;

import java.util.List;

/**
 * Everything one benchmark run produced; rendered as JSON and Markdown.
 *
 * @param machine      where it ran
 * @param profile      {@code full} or {@code quick}
 * @param settings     the knobs of this run, one line each
 * @param services     start-up time and memory per process
 * @param scenarios    every scenario in run order
 * @param targets      the targets with their measured figures
 * @param integrity    the billing integrity answer after the debit scenarios, one line, or {@code null}
 * @param database     PostgreSQL alone on this machine (baseline of the billing scenarios), or {@code null}
 * @param flushes      the disk's commit flush, timed before the scenarios whose requests wait for a commit
 * @param notes        observations worth keeping with the figures
 * @param wallSeconds  how long the whole run took
 */
public record BenchReport(MachineInfo machine, String profile, List<String> settings, List<ServiceFacts> services,
                          List<ScenarioReport> scenarios, List<TargetCheck> targets, String integrity, DatabaseBaseline database,
                          List<FlushLatency> flushes, List<String> notes, long wallSeconds) {
}

package dev.socialcrawl.bench.report;

/**
 * Resource use of one process.
 *
 * @param name       service or process name
 * @param startupMs  from process start to the first 200 of its readiness URL
 * @param rssIdleMiB resident memory after start-up and set-up, before any load
 * @param rssLoadMiB peak resident memory sampled during the load scenarios
 */
public record ServiceFacts(String name, long startupMs, double rssIdleMiB, double rssLoadMiB) {
}

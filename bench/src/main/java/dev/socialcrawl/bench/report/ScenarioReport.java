package dev.socialcrawl.bench.report;

import dev.socialcrawl.bench.load.LoadResult;
import dev.socialcrawl.bench.load.SearchResult;

/**
 * One scenario of the run: a fixed-rate result or a max-throughput search, or why it could not run.
 *
 * @param id          stable id used by the target ratios (e.g. {@code cache-hit})
 * @param title       one line for the report
 * @param description what is on the path
 * @param fixed       the fixed-rate result, or {@code null}
 * @param search      the search result, or {@code null}
 * @param failure     why the scenario did not complete, or {@code null}
 */
public record ScenarioReport(String id, String title, String description, LoadResult fixed, SearchResult search,
                             String failure) {

    public static ScenarioReport fixed(String id, String title, String description, LoadResult result) {
        return new ScenarioReport(id, title, description, result, null, null);
    }

    public static ScenarioReport search(String id, String title, String description, SearchResult result) {
        return new ScenarioReport(id, title, description, null, result, null);
    }

    public static ScenarioReport failed(String id, String title, String description, String failure) {
        return new ScenarioReport(id, title, description, null, null, failure);
    }
}

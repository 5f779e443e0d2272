package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The alerts and the dashboard's queries as Prometheus itself reads them, through promtool. */
class PrometheusRulesTest {

    private static final Path WORK = Manifests.RENDERED_DIR.resolveSibling("promtool");
    private static final String PROMTOOL = Objects.requireNonNullElse(System.getenv("PROMTOOL"), "promtool");
    private static final String UNIT_TESTS = "monitoring/tests/alerts-test.yaml";
    /** What the dashboard's variables stand for when its queries are checked outside Grafana. */
    private static final Map<String, String> DASHBOARD_VARIABLES = Map.of(
            "$namespace", "socialcrawl", "$instance", ".*", "$platform", ".*", "$__rate_interval", "1m");

    @Test
    @DisplayName("promtool check rules accepts every rendered alert")
    void promtoolAcceptsTheRenderedAlerts() {
        Path rules = writeYaml("socialcrawl-rules.yaml", Map.of("groups", ruleGroups()));

        Commands.Result result = promtool(List.of("check", "rules", rules.toString()));

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("SUCCESS: " + MonitoringTest.alerts().size() + " rules found"),
                result.stdout());
    }

    @Test
    @DisplayName("promtool test rules: each alert fires in its case and stays silent on a healthy install")
    void promtoolUnitTestsPass() throws IOException {
        writeYaml("socialcrawl-rules.yaml", Map.of("groups", ruleGroups()));
        Files.copy(Manifests.DEPLOY_DIR.resolve(UNIT_TESTS), WORK.resolve("alerts-test.yaml"),
                StandardCopyOption.REPLACE_EXISTING);

        Commands.Result result = promtool(List.of("test", "rules", "alerts-test.yaml"));

        assertEquals(0, result.exitCode(), "promtool test rules failed:\n" + result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("SUCCESS"), result.stdout());
    }

    @Test
    @DisplayName("the unit tests make every alert fire with its namespace, and check it silent")
    void theUnitTestsCoverEveryAlert() {
        JsonNode tests = Manifests.readYaml(UNIT_TESTS);
        Set<String> fired = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        List<String> withoutNamespace = new ArrayList<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String alert = check.path("alertname").asText();
                if (check.path("exp_alerts").isEmpty()) {
                    silent.add(alert);
                    continue;
                }
                fired.add(alert);
                for (JsonNode expected : check.path("exp_alerts")) {
                    if (!expected.path("exp_labels").has("namespace")) {
                        withoutNamespace.add(alert);
                    }
                }
            }
        }

        Set<String> alerts = MonitoringTest.alerts().keySet();
        assertEquals(alerts, fired, "alerts that some case makes fire");
        assertEquals(alerts, silent, "alerts that some case checks silent");
        assertTrue(withoutNamespace.isEmpty(), "expected alerts without a namespace label: " + withoutNamespace);
        assertEquals("socialcrawl-rules.yaml", tests.path("rule_files").path(0).asText());
    }

    @Test
    @DisplayName("every query of the Grafana dashboard is valid PromQL")
    void everyDashboardQueryIsValidPromql() {
        List<Map<String, String>> rules = new ArrayList<>();
        Map<String, String> queries = MonitoringTest.dashboardQueries();
        queries.forEach((where, expr) -> rules.add(Map.of(
                "record", "dashboard:" + where.replaceAll("[^a-zA-Z0-9_]", "_"), "expr", substitute(expr))));
        Path file = writeYaml("dashboard-queries.yaml", Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));

        Commands.Result result = promtool(List.of("check", "rules", file.toString()));

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("SUCCESS: " + queries.size() + " rules found"), result.stdout());
    }

    @Test
    @DisplayName("the breaker panel shows each platform's worst state over the replicas, from the per-state series")
    void theBreakerPanelShowsTheWorstStatePerPlatform() {
        String expr = substitute(MonitoringTest.dashboardQueries().entrySet().stream()
                .filter(e -> e.getKey().startsWith("Circuit breaker state")).findFirst().orElseThrow().getValue());
        List<Map<String, String>> series = new ArrayList<>();
        // replica a: tiktok open, reddit half-open, instagram closed; replica b: all closed.
        Map<String, Map<String, String>> states = Map.of(
                "a", Map.of("tiktok", "open", "reddit", "half_open", "instagram", "closed"),
                "b", Map.of("tiktok", "closed", "reddit", "closed", "instagram", "closed"));
        states.forEach((replica, byPlatform) -> byPlatform.forEach((platform, current) -> {
            for (String state : List.of("closed", "open", "half_open")) {
                series.add(Map.of("series", "upstream_circuit_state{namespace=\"socialcrawl\", instance=\"" + replica
                        + ":9082\", platform=\"" + platform + "\", state=\"" + state + "\"}",
                        "values", (state.equals(current) ? "1" : "0") + "+0x5"));
            }
        }));
        List<Map<String, Object>> expected = List.of(
                Map.of("labels", "{platform=\"instagram\"}", "value", 0),
                Map.of("labels", "{platform=\"reddit\"}", "value", 1),
                Map.of("labels", "{platform=\"tiktok\"}", "value", 2));
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", "1m");
        test.put("input_series", series);
        test.put("promql_expr_test", List.of(Map.of("expr", expr, "eval_time", "3m", "exp_samples", expected)));
        writeYaml("breaker-panel-test.yaml", Map.of("tests", List.of(test)));

        Commands.Result result = promtool(List.of("test", "rules", "breaker-panel-test.yaml"));

        assertEquals(0, result.exitCode(), "breaker panel:\n" + result.stdout() + result.stderr());
    }

    @Test
    @DisplayName("each alert expression keeps the namespace label, so dev and prod alert apart on one Prometheus")
    void everyAlertExpressionKeepsTheNamespace() {
        assertAll(MonitoringTest.alerts().entrySet().stream().map(e -> () -> {
            String expr = e.getValue().path("expr").asText();
            assertTrue(expr.contains("namespace"), e.getKey() + " does not group or filter by namespace");
            // Written as `sum by (namespace, ...) (...)`: an aggregation straight into its parenthesis has no `by`.
            assertFalse(Pattern.compile("\\b(sum|max|min|avg|count|topk)\\s*\\(").matcher(expr).find(),
                    e.getKey() + " aggregates without `by (namespace, ...)`: " + expr);
        }));
    }

    static List<JsonNode> ruleGroups() {
        List<JsonNode> groups = new ArrayList<>();
        Manifests.render(Target.MONITORING).get("PrometheusRule", "socialcrawl").path("spec").path("groups")
                .forEach(groups::add);
        return groups;
    }

    private static String substitute(String expr) {
        String result = expr;
        for (Map.Entry<String, String> v : DASHBOARD_VARIABLES.entrySet()) {
            result = result.replace(v.getKey(), v.getValue());
        }
        assertFalse(result.contains("$"), "a dashboard variable this check does not know: " + result);
        return result;
    }

    private static Commands.Result promtool(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(arguments);
        return Commands.run(command, WORK, Duration.ofMinutes(2), "to check and unit-test the Prometheus alerts");
    }

    private static Path writeYaml(String name, Object content) {
        try {
            Files.createDirectories(WORK);
            Path file = WORK.resolve(name);
            Manifests.YAML.writeValue(file.toFile(), content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    /** The metric names the services expose (the deploy brief); the guide, the alerts and the dashboard use them. */
    static final List<String> SERVICE_METRICS = List.of(
            "gateway_requests_total", "gateway_request_duration_seconds", "gateway_credits_debited_total",
            "gateway_credits_refunded_total", "gateway_billing_outbox_pending", "gateway_concurrency_rejections_total",
            "gateway_idempotent_replays_total", "upstream_request_duration_seconds", "upstream_requests_total",
            "upstream_circuit_state", "upstream_bulkhead_rejections_total", "billing_credits_debited_total",
            "billing_credits_refunded_total", "billing_refunds_total", "billing_unsettled_debits",
            "billing_ledger_integrity_violations");

    /** Each alert and the metric its expression must watch. */
    static final Map<String, String> ALERTS = Map.of(
            "SocialCrawlCircuitBreakerOpen", "upstream_circuit_state",
            "SocialCrawlRefundBacklogGrowing", "gateway_billing_outbox_pending",
            "SocialCrawlHigh5xxRatio", "gateway_requests_total",
            "SocialCrawlHighP99Latency", "gateway_request_duration_seconds_bucket",
            "SocialCrawlLedgerIntegrityViolation", "billing_ledger_integrity_violations",
            "SocialCrawlReadinessFlapping", "kube_pod_status_ready");

    @Test
    @DisplayName("the PrometheusRule carries the six alerts, each on its metric, with a severity and a runbook")
    void thePrometheusRuleCarriesTheSixAlerts() {
        JsonNode rule = Manifests.render(Target.MONITORING).get("PrometheusRule", "socialcrawl");
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                alerts.put(r.path("alert").asText(), r);
            }
        }
        Set<String> anchors = headingAnchors(Manifests.read("../docs/operations.md"));

        assertEquals(ALERTS.keySet(), alerts.keySet());
        assertAll(ALERTS.entrySet().stream().map(e -> () -> {
            JsonNode alert = alerts.get(e.getKey());
            assertTrue(alert.path("expr").asText().contains(e.getValue()), e.getKey() + " does not watch " + e.getValue());
            assertTrue(Set.of("warning", "critical").contains(alert.path("labels").path("severity").asText()));
            assertFalse(alert.path("for").asText().isEmpty(), e.getKey() + " has no for:");
            String runbook = alert.path("annotations").path("runbook").asText();
            assertTrue(runbook.startsWith("docs/operations.md#"), e.getKey() + " runbook " + runbook);
            assertTrue(anchors.contains(runbook.substring(runbook.indexOf('#') + 1)),
                    e.getKey() + ": docs/operations.md has no heading for " + runbook);
        }));
        assertEquals("5m", alerts.get("SocialCrawlCircuitBreakerOpen").path("for").asText(), "breaker open for 5 min");
    }

    @Test
    @DisplayName("the Grafana dashboard parses and charts every service metric")
    void theDashboardChartsEveryServiceMetric() throws IOException {
        JsonNode dashboard = Manifests.JSON.readTree(Manifests.read("monitoring/grafana-dashboard.json"));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        String all = String.join("\n", expressions);

        assertEquals("SocialCrawl", dashboard.path("title").asText());
        assertTrue(expressions.size() >= SERVICE_METRICS.size() / 2, "too few queries: " + expressions.size());
        List<String> missing = SERVICE_METRICS.stream().filter(m -> !all.contains(m)).toList();
        assertTrue(missing.isEmpty(), "the dashboard does not chart " + missing);
        for (String metric : List.of("upstream_circuit_state", "kube_pod_status_ready", "http_server_requests_seconds",
                "jvm_memory_used_bytes")) {
            assertTrue(all.contains(metric), "the dashboard does not chart " + metric);
        }
        JsonNode configMap = Manifests.render(Target.MONITORING).get("ConfigMap", "socialcrawl-grafana-dashboard");
        assertEquals("1", configMap.path("metadata").path("labels").path("grafana_dashboard").asText());
        assertEquals(dashboard, Manifests.JSON.readTree(configMap.path("data").path("socialcrawl-dashboard.json").asText()));
    }

    @Test
    @DisplayName("the operator's guide lists every metric the alerts and the dashboard use")
    void theGuideListsEveryMetric() {
        String guide = Manifests.read("../docs/operations.md");
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:gateway|upstream|billing)_[a-z_]+)").matcher(
                Manifests.read("monitoring/grafana-dashboard.json") + Manifests.read("monitoring/prometheus-rules.yaml"));
        while (m.find()) {
            used.add(m.group(1).replaceAll("_(bucket|sum|count)$", ""));
        }

        assertTrue(used.containsAll(SERVICE_METRICS), "unused metrics: " + SERVICE_METRICS.stream()
                .filter(s -> !used.contains(s)).toList());
        List<String> undocumented = used.stream().filter(name -> !guide.contains("`" + name)).toList();
        assertTrue(undocumented.isEmpty(), "docs/operations.md does not list " + undocumented);
    }

    @Test
    @DisplayName("the ServiceMonitor scrapes /q/metrics on the http port of each service's Service")
    void theServiceMonitorScrapesEveryService() {
        JsonNode monitor = Manifests.render(Target.MONITORING).get("ServiceMonitor", "socialcrawl");
        Rendered base = Manifests.render(Target.BASE);
        JsonNode endpoint = monitor.path("spec").path("endpoints").path(0);

        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("http", endpoint.path("port").asText());
        for (String service : Rendered.SERVICES) {
            JsonNode svc = base.get("Service", service);
            assertTrue(NetworkPolicies.selects(monitor.path("spec").path("selector"),
                    Rendered.strings(svc.path("metadata").path("labels"))), service + " is not selected");
            assertEquals("http", svc.path("spec").path("ports").path(0).path("name").asText(), service);
            JsonNode pod = base.get("Deployment", service).path("spec").path("template").path("metadata");
            assertEquals("/q/metrics", pod.path("annotations").path("prometheus.io/path").asText(), service);
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
    static Set<String> headingAnchors(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}

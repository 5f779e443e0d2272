package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            "gateway_idempotent_replays_total", "gateway_activity_backlog", "gateway_activity_dropped_total",
            "upstream_request_duration_seconds", "upstream_requests_total", "upstream_circuit_state",
            "upstream_bulkhead_rejections_total", "billing_credits_debited_total", "billing_credits_refunded_total",
            "billing_refunds_total", "billing_unsettled_debits", "billing_ledger_integrity_violations",
            "billing_accounts_below_threshold");

    /** The series that carry a `platform` label: every dashboard query over them filters by $platform. */
    static final List<String> PLATFORM_METRICS = List.of("gateway_requests_total", "gateway_request_duration_seconds",
            "upstream_request_duration_seconds", "upstream_requests_total", "upstream_circuit_state",
            "upstream_bulkhead_rejections_total");

    /** Each alert and the metric its expression must watch. */
    static final Map<String, String> ALERTS = Map.ofEntries(
            Map.entry("SocialCrawlGatewayNoReadyEndpoints", "kube_deployment_status_replicas_available"),
            Map.entry("SocialCrawlNoSuccessfulRequests", "gateway_requests_total"),
            Map.entry("SocialCrawlHigh5xxRatio", "gateway_requests_total"),
            Map.entry("SocialCrawlHighP99Latency", "gateway_request_duration_seconds_bucket"),
            Map.entry("SocialCrawlReadinessFlapping", "kube_pod_status_ready"),
            Map.entry("SocialCrawlCircuitBreakerOpen", "upstream_circuit_state"),
            Map.entry("SocialCrawlLedgerIntegrityViolation", "billing_ledger_integrity_violations"),
            Map.entry("SocialCrawlRefundBacklogGrowing", "gateway_billing_outbox_pending"),
            Map.entry("SocialCrawlBillingOutboxBacklog", "gateway_billing_outbox_pending"),
            Map.entry("SocialCrawlUnsettledDebitsGrowing", "billing_unsettled_debits"),
            Map.entry("SocialCrawlAccountsBelowThreshold", "billing_accounts_below_threshold"),
            Map.entry("SocialCrawlActivityBacklog", "gateway_activity_backlog"),
            Map.entry("SocialCrawlActivityRecordsDropped", "gateway_activity_dropped_total"));

    static final String DEFAULT_RUNBOOK_BASE = "https://github.com/socialcrawl/socialcrawl/blob/main/docs/operations.md";

    @Test
    @DisplayName("the PrometheusRule carries every alert, each on its metric, with a severity and an absolute runbook_url")
    void thePrometheusRuleCarriesEveryAlert() {
        Map<String, JsonNode> alerts = alerts();
        Set<String> anchors = headingAnchors(Manifests.read("../docs/operations.md"));
        String base = runbookBase();

        assertEquals(ALERTS.keySet(), alerts.keySet());
        assertAll(ALERTS.entrySet().stream().map(e -> () -> {
            JsonNode alert = alerts.get(e.getKey());
            assertTrue(alert.path("expr").asText().contains(e.getValue()), e.getKey() + " does not watch " + e.getValue());
            assertTrue(Set.of("info", "warning", "critical").contains(alert.path("labels").path("severity").asText()),
                    e.getKey() + " severity");
            assertFalse(alert.path("for").asText().isEmpty(), e.getKey() + " has no for:");
            assertTrue(alert.path("annotations").path("runbook").isMissingNode(), e.getKey() + ": runbook_url, not runbook");
            String runbook = alert.path("annotations").path("runbook_url").asText();
            assertEquals(base + "#" + e.getKey().toLowerCase(Locale.ROOT), runbook, e.getKey() + " runbook_url");
            assertTrue(anchors.contains(runbook.substring(runbook.indexOf('#') + 1)),
                    e.getKey() + ": docs/operations.md has no heading for " + runbook);
        }));
        assertEquals("info", alerts.get("SocialCrawlAccountsBelowThreshold").path("labels").path("severity").asText(),
                "a low balance is informational");
    }

    @Test
    @DisplayName("every runbook_url is built from the one runbook-base-url setting, which defaults to the repository's guide")
    void everyRunbookUrlComesFromOneSetting() {
        String source = Manifests.read("monitoring/prometheus-rules.yaml");
        JsonNode settings = Manifests.readYaml("monitoring/settings.yaml");

        assertEquals(DEFAULT_RUNBOOK_BASE, settings.path("data").path("runbook-base-url").asText());
        assertEquals("true", settings.path("metadata").path("annotations").path("config.kubernetes.io/local-config").asText(),
                "the settings are for rendering only");
        assertTrue(Manifests.render(Target.MONITORING).find("ConfigMap", "monitoring-settings").isEmpty(),
                "the settings ConfigMap is not applied");
        assertEquals(ALERTS.size(), count(source, "runbook_url: \"RUNBOOK_BASE_URL#"), "one placeholder per alert");
        assertFalse(source.contains("http://") || source.contains("https://"), "no URL written out in the rules");
    }

    @Test
    @DisplayName("the breaker alert reads the per-state upstream_circuit_state series and waits 5 minutes")
    void theBreakerAlertReadsThePerStateSeries() {
        JsonNode breaker = alerts().get("SocialCrawlCircuitBreakerOpen");

        assertTrue(breaker.path("expr").asText().contains("upstream_circuit_state{state=~\"open|half_open\"}"),
                breaker.path("expr").asText());
        assertEquals("5m", breaker.path("for").asText(), "breaker open for 5 min");
    }

    @Test
    @DisplayName("the Grafana dashboard parses and charts every service metric")
    void theDashboardChartsEveryServiceMetric() throws IOException {
        JsonNode dashboard = dashboard();
        String all = String.join("\n", dashboardQueries().values());

        assertEquals("SocialCrawl", dashboard.path("title").asText());
        assertTrue(dashboardQueries().size() >= SERVICE_METRICS.size() / 2, "too few queries");
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
    @DisplayName("every dashboard query is narrowed by the namespace and instance variables, and by platform where it applies")
    void everyDashboardQueryUsesTheVariables() {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard().path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));

        assertTrue(variables.keySet().containsAll(List.of("namespace", "instance", "platform")), variables.keySet().toString());
        assertFalse(variables.get("namespace").path("multi").asBoolean(), "one namespace at a time: dev and prod never mix");
        for (String multi : List.of("instance", "platform")) {
            assertTrue(variables.get(multi).path("includeAll").asBoolean(), multi + " offers All");
            assertEquals(".*", variables.get(multi).path("allValue").asText(), multi + ": All matches every series");
        }
        assertAll(dashboardQueries().entrySet().stream().map(q -> () -> {
            String expr = q.getValue();
            assertTrue(expr.contains("namespace=\"$namespace\""), q.getKey() + " ignores $namespace: " + expr);
            assertTrue(expr.contains("instance=~\"$instance\""), q.getKey() + " ignores $instance: " + expr);
            if (PLATFORM_METRICS.stream().anyMatch(expr::contains)) {
                assertEquals(count(expr, "\\b(" + String.join("|", PLATFORM_METRICS) + ")\\w*\\{"),
                        count(expr, "platform=~\"\\$platform\""), q.getKey() + ": a platform series without $platform");
            }
        }));
    }

    @Test
    @DisplayName("the breaker panel is built from the per-state series and maps 0/1/2 to closed/half_open/open")
    void theBreakerPanelUsesThePerStateSeries() {
        JsonNode panel = null;
        for (JsonNode p : dashboard().path("panels")) {
            if (p.path("title").asText().startsWith("Circuit breaker state")) {
                panel = p;
            }
        }
        assertTrue(panel != null, "no breaker state panel");
        String expr = panel.path("targets").path(0).path("expr").asText();
        for (String state : List.of("closed", "open", "half_open")) {
            assertTrue(expr.contains("state=\"" + state + "\""), "the panel does not read state " + state);
        }
        JsonNode mapping = panel.path("fieldConfig").path("defaults").path("mappings").path(0).path("options");
        assertEquals("closed", mapping.path("0").path("text").asText());
        assertEquals("half_open", mapping.path("1").path("text").asText());
        assertEquals("open", mapping.path("2").path("text").asText());
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
    @DisplayName("the ServiceMonitor scrapes /q/metrics on the management port of each service, in dev and prod")
    void theServiceMonitorScrapesTheManagementPorts() {
        JsonNode monitor = Manifests.render(Target.MONITORING).get("ServiceMonitor", "socialcrawl");
        Rendered base = Manifests.render(Target.BASE);
        JsonNode endpoint = monitor.path("spec").path("endpoints").path(0);

        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("management", endpoint.path("port").asText());
        Set<String> namespaces = new TreeSet<>();
        monitor.path("spec").path("namespaceSelector").path("matchNames").forEach(n -> namespaces.add(n.asText()));
        assertEquals(Set.of(Rendered.namespaceOf(Manifests.render(Target.DEV).get("Deployment", "gateway-service")),
                Rendered.namespaceOf(Manifests.render(Target.PROD).get("Deployment", "gateway-service"))), namespaces,
                "the ServiceMonitor watches the overlays' namespaces");
        for (String service : Rendered.SERVICES) {
            JsonNode svc = base.get("Service", service);
            assertTrue(NetworkPolicies.selects(monitor.path("spec").path("selector"),
                    Rendered.strings(svc.path("metadata").path("labels"))), service + " is not selected");
            JsonNode port = Rendered.servicePort(svc, "management");
            assertEquals(WorkloadHardeningTest.MANAGEMENT_PORTS.get(service).intValue(), port.path("port").asInt(), service);
            JsonNode pod = base.get("Deployment", service).path("spec").path("template").path("metadata");
            assertEquals("/q/metrics", pod.path("annotations").path("prometheus.io/path").asText(), service);
            assertEquals(String.valueOf(WorkloadHardeningTest.MANAGEMENT_PORTS.get(service)),
                    pod.path("annotations").path("prometheus.io/port").asText(), service + " annotated port");
        }
    }

    static Map<String, JsonNode> alerts() {
        JsonNode rule = Manifests.render(Target.MONITORING).get("PrometheusRule", "socialcrawl");
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                alerts.put(r.path("alert").asText(), r);
            }
        }
        return alerts;
    }

    static JsonNode dashboard() {
        try {
            return Manifests.JSON.readTree(Manifests.read("monitoring/grafana-dashboard.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel query by "panel title/refId". */
    static Map<String, String> dashboardQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + "/" + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        return queries;
    }

    private static String runbookBase() {
        return Manifests.readYaml("monitoring/settings.yaml").path("data").path("runbook-base-url").asText();
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
    static Set<String> headingAnchors(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}

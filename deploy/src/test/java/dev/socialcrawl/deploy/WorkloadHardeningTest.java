package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WorkloadHardeningTest {

    /** Operator-contract environment names (docs/operations.md#configuration, deploy brief); nothing else is set. */
    static final Set<String> OPERATOR_NAMES = Set.of("QUARKUS_HTTP_PORT", "QUARKUS_MANAGEMENT_PORT", "QUARKUS_SHUTDOWN_TIMEOUT",
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_REDIS_HOSTS", "SOCIALCRAWL_REDIS_KEY_PREFIX", "BILLING_ADMIN_TOKEN", "BILLING_INTERNAL_TOKEN",
            "BILLING_LEDGER_TOKEN", "PROXY_INTERNAL_TOKEN", "GATEWAY_ACCESS_LOG_ENABLED",
            "QUARKUS_REST_CLIENT_BILLING_URL", "QUARKUS_REST_CLIENT_PROXY_URL", "GATEWAY_CONCURRENCY_LIMIT",
            "GATEWAY_IDEMPOTENCY_TTL", "GATEWAY_CACHE_TTL_AUTHOR", "GATEWAY_CACHE_TTL_POST",
            "GATEWAY_CACHE_TTL_COMMENT", "GATEWAY_CACHE_TTL_POST_LIST", "GATEWAY_CACHE_TTL_COMMENT_LIST",
            "GATEWAY_CACHE_TTL_SEARCH_RESULT", "GATEWAY_CACHE_TTL_ANALYTICS", "GATEWAY_CACHE_TTL_AUDIENCE",
            "ERRORS_DOC_BASE_URL", "GATEWAY_PUBLIC_BASE_URL", "BILLING_WELCOME_BONUS", "BILLING_SWEEPER_UNSETTLED_AFTER", "UPSTREAM_BASE_URL",
            "UPSTREAM_API_KEY", "UPSTREAM_DEFAULTS_TIMEOUT",
            "UPSTREAM_DEFAULTS_CIRCUIT_BREAKER_REQUEST_VOLUME_THRESHOLD",
            "UPSTREAM_DEFAULTS_CIRCUIT_BREAKER_FAILURE_RATIO", "UPSTREAM_DEFAULTS_CIRCUIT_BREAKER_DELAY",
            "UPSTREAM_DEFAULTS_CIRCUIT_BREAKER_SUCCESS_THRESHOLD", "UPSTREAM_DEFAULTS_BULKHEAD_MAX_CONCURRENT",
            "UPSTREAM_SANDBOX_ENABLED",
            // docs/operations.md, "Configuration": the dev overlay serves the dashboard without TLS
            "BILLING_DASHBOARD_SECURE_COOKIES",
            // Quarkus' own key for a constant field in every JSON log line: quarkus.log.console.json.additional-field."service".value
            "QUARKUS_LOG_CONSOLE_JSON_ADDITIONAL_FIELD__SERVICE__VALUE");

    static final Map<String, Integer> PORTS = Map.of(
            "gateway-service", 8080, "billing-service", 8081, "upstream-proxy-service", 8082);
    /** docs/api.md#running-an-install: health and metrics only on these (QUARKUS_MANAGEMENT_PORT). */
    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of(
            "gateway-service", 9080, "billing-service", 9081, "upstream-proxy-service", 9082);

    @ParameterizedTest(name = "{0}: every service probes /q/health/started, /ready and /live on its management port")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void everyServiceProbesTheQuarkusHealthEndpoints(Target target) {
        Rendered rendered = Manifests.render(target);

        assertAll(Rendered.SERVICES.stream().map(service -> () -> {
            JsonNode deployment = rendered.get("Deployment", service);
            JsonNode container = Rendered.mainContainer(deployment);
            assertEquals(PORTS.get(service).intValue(), Rendered.containerPort(container, "http").path("containerPort").asInt());
            assertEquals(MANAGEMENT_PORTS.get(service).intValue(),
                    Rendered.containerPort(container, "management").path("containerPort").asInt());
            assertEquals(2, container.path("ports").size(), service + ": only the http and management ports");
            assertEquals(String.valueOf(MANAGEMENT_PORTS.get(service)),
                    rendered.envFromConfigMap(deployment).get("QUARKUS_MANAGEMENT_PORT"), service + " management port");
            assertProbe(service, container.path("startupProbe"), "/q/health/started");
            assertProbe(service, container.path("readinessProbe"), "/q/health/ready");
            assertProbe(service, container.path("livenessProbe"), "/q/health/live");
            JsonNode svc = rendered.get("Service", service);
            assertEquals(PORTS.get(service).intValue(), Rendered.servicePort(svc, "http").path("port").asInt());
            assertEquals("http", Rendered.servicePort(svc, "http").path("targetPort").asText());
            assertEquals(MANAGEMENT_PORTS.get(service).intValue(), Rendered.servicePort(svc, "management").path("port").asInt());
            assertEquals("management", Rendered.servicePort(svc, "management").path("targetPort").asText());
        }));
    }

    @ParameterizedTest(name = "{0}: every container has CPU and memory requests and limits")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void everyContainerHasCpuAndMemoryRequestsAndLimits(Target target) {
        assertAll(containers(target).map(c -> () -> {
            JsonNode resources = c.container().path("resources");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertFalse(resources.path(bound).path(resource).asText().isEmpty(),
                            c.name() + " has no " + bound + "." + resource);
                }
            }
            assertTrue(memoryMi(resources.path("limits").path("memory").asText())
                    >= memoryMi(resources.path("requests").path("memory").asText()), c.name() + ": limit < request");
        }));
    }

    @ParameterizedTest(name = "{0}: every pod runs as non-root, read-only, without privilege escalation or capabilities")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void everyPodRunsRestricted(Target target) {
        Rendered rendered = Manifests.render(target);

        assertAll(rendered.workloads().stream().map(workload -> () -> {
            JsonNode pod = Rendered.podSpec(workload);
            String name = Rendered.name(workload);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + " runAsNonRoot");
            assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0, name + " runAsUser > 0");
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(),
                    name + " seccompProfile");
            assertTrue(pod.has("automountServiceAccountToken"), name + " must say automountServiceAccountToken");
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(), name + " mounts a service-account token");
            for (JsonNode container : pod.path("containers")) {
                JsonNode sc = container.path("securityContext");
                String where = name + "/" + container.path("name").asText();
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), where + " readOnlyRootFilesystem");
                assertTrue(sc.has("allowPrivilegeEscalation"), where + " must set allowPrivilegeEscalation");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(), where + " allowPrivilegeEscalation");
                assertFalse(sc.path("privileged").asBoolean(), where + " privileged");
                assertEquals("[\"ALL\"]", sc.path("capabilities").path("drop").toString(), where + " drops ALL");
                assertTrue(sc.path("capabilities").path("add").isMissingNode(), where + " adds capabilities");
            }
        }));
    }

    @ParameterizedTest(name = "{0}: the grace period outlasts the preStop pause plus QUARKUS_SHUTDOWN_TIMEOUT")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void theGracePeriodOutlastsTheShutdownTimeout(Target target) {
        Rendered rendered = Manifests.render(target);

        assertAll(Rendered.SERVICES.stream().map(service -> () -> {
            JsonNode deployment = rendered.get("Deployment", service);
            Duration shutdown = quarkusDuration(rendered.envFromConfigMap(deployment).get("QUARKUS_SHUTDOWN_TIMEOUT"));
            JsonNode preStop = Rendered.mainContainer(deployment).path("lifecycle").path("preStop").path("exec")
                    .path("command");
            assertEquals("sleep", preStop.path(0).asText(), service + " pauses before SIGTERM");
            long pause = preStop.path(1).asLong();
            long grace = Rendered.podSpec(deployment).path("terminationGracePeriodSeconds").asLong();
            assertTrue(grace > pause + shutdown.toSeconds(), service + ": grace " + grace + " s <= " + pause
                    + " s + " + shutdown.toSeconds() + " s");
        }));
    }

    @ParameterizedTest(name = "{0}: ConfigMaps and env use only the operator-contract names")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void configurationUsesOnlyTheOperatorContractNames(Target target) {
        Rendered rendered = Manifests.render(target);

        assertAll(Rendered.SERVICES.stream().map(service -> () -> {
            JsonNode deployment = rendered.get("Deployment", service);
            List<String> names = new ArrayList<>(rendered.envFromConfigMap(deployment).keySet());
            names.addAll(Rendered.env(deployment).keySet());
            List<String> unknown = names.stream().filter(n -> !OPERATOR_NAMES.contains(n)).toList();
            assertTrue(unknown.isEmpty(), service + " sets names outside the operator contract: " + unknown);
            assertEquals(String.valueOf(PORTS.get(service)),
                    rendered.envFromConfigMap(deployment).get("QUARKUS_HTTP_PORT"), service + " port");
            assertEquals(service, rendered.envFromConfigMap(deployment)
                    .get("QUARKUS_LOG_CONSOLE_JSON_ADDITIONAL_FIELD__SERVICE__VALUE"), service + " names itself in its logs");
        }));
    }

    @ParameterizedTest(name = "{0}: tokens, credentials and connection strings come from Secrets, never literals")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void secretsAreReferencedNeverInlined(Target target) {
        Rendered rendered = Manifests.render(target);
        Map<String, Set<String>> secretEnv = Map.of(
                "gateway-service", Set.of("QUARKUS_REDIS_HOSTS", "BILLING_INTERNAL_TOKEN", "PROXY_INTERNAL_TOKEN"),
                "billing-service", Set.of("QUARKUS_REDIS_HOSTS", "BILLING_INTERNAL_TOKEN", "BILLING_ADMIN_TOKEN",
                        "BILLING_LEDGER_TOKEN", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD"),
                "upstream-proxy-service", Set.of("QUARKUS_REDIS_HOSTS", "PROXY_INTERNAL_TOKEN", "UPSTREAM_API_KEY"));

        assertAll(secretEnv.entrySet().stream().map(e -> () -> {
            JsonNode deployment = rendered.get("Deployment", e.getKey());
            Map<String, JsonNode> env = Rendered.env(deployment);
            assertEquals(e.getValue(), env.keySet(), e.getKey() + " env");
            for (JsonNode entry : env.values()) {
                assertFalse(entry.path("valueFrom").path("secretKeyRef").path("name").asText().isEmpty(),
                        entry + " is not a secretKeyRef");
                assertTrue(entry.path("value").isMissingNode(), entry + " carries a literal value");
            }
            Map<String, String> config = rendered.envFromConfigMap(deployment);
            for (String secretName : e.getValue()) {
                assertFalse(config.containsKey(secretName), secretName + " must not be in a ConfigMap");
            }
        }));
    }

    private static void assertProbe(String service, JsonNode probe, String path) {
        assertEquals(path, probe.path("httpGet").path("path").asText(), service + " probe path");
        assertEquals("management", probe.path("httpGet").path("port").asText(), service + " probe port");
        assertTrue(probe.path("periodSeconds").asInt() > 0, service + " " + path + " periodSeconds");
    }

    record NamedContainer(String name, JsonNode container) {
    }

    private static Stream<NamedContainer> containers(Target target) {
        return Manifests.render(target).workloads().stream().flatMap(w -> {
            List<NamedContainer> containers = new ArrayList<>();
            for (JsonNode c : Rendered.podSpec(w).path("containers")) {
                containers.add(new NamedContainer(Rendered.name(w) + "/" + c.path("name").asText(), c));
            }
            return containers.stream();
        });
    }

    private static long memoryMi(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        throw new AssertionError("memory quantity not in Mi or Gi: " + quantity);
    }

    /** The subset of Quarkus' duration syntax the ConfigMaps use: 25s, 5m, 24h, or ISO-8601. */
    static Duration quarkusDuration(String value) {
        assertFalse(value == null || value.isBlank(), "duration missing");
        String v = value.trim().toUpperCase(Locale.ROOT);
        return Duration.parse(v.startsWith("P") ? v : "PT" + v);
    }
}

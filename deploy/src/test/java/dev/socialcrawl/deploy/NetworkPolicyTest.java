package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socialcrawl.deploy.NetworkPolicies.External;
import dev.socialcrawl.deploy.NetworkPolicies.Peer;
import dev.socialcrawl.deploy.NetworkPolicies.Pod;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may reach whom, evaluated over the rendered NetworkPolicies of each overlay. */
class NetworkPolicyTest {

    private static final External INTERNET_HOST = new External("93.184.216.34");
    private static final External CUSTOMER = new External("203.0.113.7");
    /** Where prod's managed PostgreSQL and Redis live: a private address outside the cluster. */
    private static final External EXTERNAL_POSTGRESQL = new External("10.50.0.10");
    private static final External EXTERNAL_REDIS = new External("10.50.0.20");
    private static final Pod KUBE_DNS = new Pod("kube-system", Map.of("k8s-app", "kube-dns"));
    private static final Pod PROMETHEUS = new Pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    private static final Pod INGRESS_CONTROLLER = new Pod("ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"));

    /** The pods of one rendered overlay, plus a stray pod and (outside dev) stand-ins for the data stores. */
    private record Cluster(NetworkPolicies policies, Map<String, Pod> pods, Peer postgresql, Peer redis) {

        static Cluster of(Target target) {
            Rendered rendered = Manifests.render(target);
            Map<String, Pod> pods = new LinkedHashMap<>();
            String namespace = "default";
            for (JsonNode workload : rendered.workloads()) {
                namespace = Rendered.namespaceOf(workload);
                pods.put(Rendered.name(workload), new Pod(namespace, Rendered.podLabels(workload)));
            }
            pods.put("stray", new Pod(namespace, Map.of("app.kubernetes.io/name", "debug-shell")));
            Peer postgresql;
            Peer redis;
            if (target == Target.PROD) {
                postgresql = EXTERNAL_POSTGRESQL;
                redis = EXTERNAL_REDIS;
            } else {
                String ns = namespace;
                postgresql = pods.computeIfAbsent("postgresql",
                        k -> new Pod(ns, Map.of("app.kubernetes.io/name", "postgresql")));
                redis = pods.computeIfAbsent("redis", k -> new Pod(ns, Map.of("app.kubernetes.io/name", "redis")));
            }
            return new Cluster(new NetworkPolicies(rendered.ofKind("NetworkPolicy")), pods, postgresql, redis);
        }

        boolean allows(Peer from, Peer to, int port) {
            return policies.allows(from, to, "TCP", port);
        }

        /** Defence in depth: the destination refuses by itself, even if a source's egress were opened. */
        boolean accepts(Pod to, Peer from, int port) {
            return policies.ingressAllows(from, to, "TCP", port);
        }

        Pod pod(String name) {
            return pods.get(name);
        }
    }

    @ParameterizedTest(name = "{0}: a default-deny policy isolates every pod in both directions")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void aDefaultDenyPolicyIsolatesEveryPod(Target target) {
        JsonNode deny = Manifests.render(target).get("NetworkPolicy", "default-deny-all");
        Cluster cluster = Cluster.of(target);

        assertEquals("{}", deny.path("spec").path("podSelector").toString());
        assertEquals("[\"Ingress\",\"Egress\"]", deny.path("spec").path("policyTypes").toString());
        assertFalse(deny.path("spec").has("ingress") || deny.path("spec").has("egress"), "deny has no rules");
        assertFalse(cluster.allows(cluster.pod("stray"), cluster.pod("gateway-service"), 8080),
                "a stray pod may not open connections");
        assertFalse(cluster.allows(cluster.pod("stray"), INTERNET_HOST, 443), "a stray pod may not reach out");
    }

    @ParameterizedTest(name = "{0}: only the gateway reaches billing and the proxy")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void onlyTheGatewayReachesBillingAndTheProxy(Target target) {
        Cluster cluster = Cluster.of(target);

        assertAll(cluster.pods().entrySet().stream().map(source -> () -> {
            boolean isGateway = source.getKey().equals("gateway-service");
            assertEquals(isGateway, cluster.allows(source.getValue(), cluster.pod("billing-service"), 8081),
                    source.getKey() + " -> billing");
            assertEquals(isGateway, cluster.allows(source.getValue(), cluster.pod("upstream-proxy-service"), 8082),
                    source.getKey() + " -> proxy");
            assertEquals(isGateway, cluster.accepts(cluster.pod("billing-service"), source.getValue(), 8081),
                    "billing's ingress accepts " + source.getKey());
            assertEquals(isGateway, cluster.accepts(cluster.pod("upstream-proxy-service"), source.getValue(), 8082),
                    "the proxy's ingress accepts " + source.getKey());
        }));
        for (Peer outsider : new Peer[] {CUSTOMER, PROMETHEUS, INGRESS_CONTROLLER}) {
            assertFalse(cluster.allows(outsider, cluster.pod("billing-service"), 8081), outsider + " -> billing");
            assertFalse(cluster.allows(outsider, cluster.pod("upstream-proxy-service"), 8082), outsider + " -> proxy");
        }
        assertFalse(cluster.allows(cluster.pod("gateway-service"), cluster.pod("billing-service"), 5432),
                "gateway -> billing on another port");
    }

    @ParameterizedTest(name = "{0}: only billing reaches PostgreSQL")
    // The base alone has no data stores: dev brings them (and their ingress policies), prod points outside.
    @EnumSource(value = Target.class, names = {"DEV", "PROD"})
    void onlyBillingReachesPostgresql(Target target) {
        Cluster cluster = Cluster.of(target);

        assertAll(cluster.pods().entrySet().stream().filter(e -> !e.getKey().equals("postgresql")).map(source -> () ->
                assertEquals(source.getKey().equals("billing-service"),
                        cluster.allows(source.getValue(), cluster.postgresql(), 5432),
                        source.getKey() + " -> PostgreSQL")));
        if (cluster.postgresql() instanceof Pod postgresql) {
            assertAll(cluster.pods().entrySet().stream().filter(e -> !e.getKey().equals("postgresql")).map(source -> () ->
                    assertEquals(source.getKey().equals("billing-service"),
                            cluster.accepts(postgresql, source.getValue(), 5432),
                            "PostgreSQL's ingress accepts " + source.getKey())));
        }
    }

    @ParameterizedTest(name = "{0}: the gateway, the proxy and billing reach Redis, nobody else")
    // The base alone has no data stores: dev brings them (and their ingress policies), prod points outside.
    @EnumSource(value = Target.class, names = {"DEV", "PROD"})
    void theServicesReachRedisAndNobodyElse(Target target) {
        Cluster cluster = Cluster.of(target);

        assertAll(cluster.pods().entrySet().stream().filter(e -> !e.getKey().equals("redis")).map(source -> () ->
                assertEquals(Rendered.SERVICES.contains(source.getKey()),
                        cluster.allows(source.getValue(), cluster.redis(), 6379), source.getKey() + " -> Redis")));
        if (cluster.redis() instanceof Pod redis) {
            assertAll(cluster.pods().entrySet().stream().filter(e -> !e.getKey().equals("redis")).map(source -> () ->
                    assertEquals(Rendered.SERVICES.contains(source.getKey()),
                            cluster.accepts(redis, source.getValue(), 6379), "Redis' ingress accepts " + source.getKey())));
        }
    }

    @ParameterizedTest(name = "{0}: only the proxy reaches the internet, on 443 and 80, never private ranges")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void onlyTheProxyReachesTheInternet(Target target) {
        Cluster cluster = Cluster.of(target);
        Pod proxy = cluster.pod("upstream-proxy-service");

        assertAll(cluster.pods().entrySet().stream().map(source -> () -> {
            boolean isProxy = source.getKey().equals("upstream-proxy-service");
            assertEquals(isProxy, cluster.allows(source.getValue(), INTERNET_HOST, 443), source.getKey() + " -> :443");
            assertEquals(isProxy, cluster.allows(source.getValue(), INTERNET_HOST, 80), source.getKey() + " -> :80");
        }));
        assertFalse(cluster.allows(proxy, INTERNET_HOST, 22), "proxy -> internet :22");
        for (String privateAddress : new String[] {"10.1.2.3", "172.20.0.5", "192.168.1.1", "169.254.169.254"}) {
            assertFalse(cluster.allows(proxy, new External(privateAddress), 443), "proxy -> " + privateAddress);
        }
    }

    @ParameterizedTest(name = "{0}: every pod resolves names through kube-dns and only there")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void everyPodResolvesNamesThroughKubeDns(Target target) {
        Cluster cluster = Cluster.of(target);

        assertAll(cluster.pods().entrySet().stream().map(source -> () -> {
            assertTrue(cluster.policies().allows(source.getValue(), KUBE_DNS, "UDP", 53), source.getKey() + " DNS/UDP");
            assertTrue(cluster.policies().allows(source.getValue(), KUBE_DNS, "TCP", 53), source.getKey() + " DNS/TCP");
            assertFalse(cluster.policies().allows(source.getValue(), new External("8.8.8.8"), "UDP", 53),
                    source.getKey() + " -> external DNS");
        }));
    }

    @ParameterizedTest(name = "{0}: the Ingress controller alone reaches the gateway's public port")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void theIngressControllerAloneReachesTheGatewaysPublicPort(Target target) {
        Cluster cluster = Cluster.of(target);
        Pod gateway = cluster.pod("gateway-service");

        assertTrue(cluster.allows(INGRESS_CONTROLLER, gateway, 8080), "ingress controller -> gateway");
        assertFalse(cluster.allows(CUSTOMER, gateway, 8080), "internet -> gateway, around the Ingress");
        assertFalse(cluster.allows(PROMETHEUS, gateway, 8080), "prometheus -> the gateway's public port");
        assertFalse(cluster.allows(INGRESS_CONTROLLER, gateway, 9080), "ingress controller -> gateway management");
        assertFalse(cluster.allows(new Pod("team-x", INGRESS_CONTROLLER.labels()), gateway, 8080),
                "a look-alike controller pod in another namespace -> gateway");
        assertAll(cluster.pods().entrySet().stream().map(source -> () ->
                assertFalse(cluster.accepts(gateway, source.getValue(), 8080), source.getKey() + " -> gateway :8080")));
    }

    @ParameterizedTest(name = "{0}: Prometheus reaches the management ports and only those; nothing else does")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void prometheusAloneReachesTheManagementPorts(Target target) {
        Cluster cluster = Cluster.of(target);
        Map<String, Integer> apiPorts = WorkloadHardeningTest.PORTS;

        assertAll(WorkloadHardeningTest.MANAGEMENT_PORTS.entrySet().stream().map(e -> () -> {
            Pod service = cluster.pod(e.getKey());
            assertTrue(cluster.allows(PROMETHEUS, service, e.getValue()), "prometheus -> " + e.getKey() + " management");
            assertFalse(cluster.allows(PROMETHEUS, service, apiPorts.get(e.getKey())), "prometheus -> " + e.getKey() + " API");
            assertFalse(cluster.allows(new Pod("team-x", PROMETHEUS.labels()), service, e.getValue()),
                    "a look-alike pod in another namespace -> " + e.getKey() + " management");
            assertFalse(cluster.allows(CUSTOMER, service, e.getValue()), "internet -> " + e.getKey() + " management");
            assertFalse(cluster.allows(INGRESS_CONTROLLER, service, e.getValue()), "ingress -> " + e.getKey() + " management");
            for (Map.Entry<String, Pod> source : cluster.pods().entrySet()) {
                assertFalse(cluster.accepts(service, source.getValue(), e.getValue()),
                        source.getKey() + " -> " + e.getKey() + " management");
            }
        }));
    }
}

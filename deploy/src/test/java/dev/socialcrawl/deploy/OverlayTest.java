package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What makes dev a dev install and prod a prod install. */
class OverlayTest {

    @Test
    @DisplayName("prod runs several gateway replicas spread across nodes, and autoscales from there")
    void prodRunsSeveralGatewayReplicasSpreadAcrossNodes() {
        Rendered prod = Manifests.render(Target.PROD);
        JsonNode gateway = prod.get("Deployment", "gateway-service");

        assertTrue(gateway.path("spec").path("replicas").asInt() > 1, "gateway replicas");
        assertTrue(prod.get("HorizontalPodAutoscaler", "gateway-service").path("spec").path("minReplicas").asInt() > 1);
        JsonNode byNode = null;
        for (JsonNode constraint : Rendered.podSpec(gateway).path("topologySpreadConstraints")) {
            if (constraint.path("topologyKey").asText().equals("kubernetes.io/hostname")) {
                byNode = constraint;
            }
        }
        assertTrue(byNode != null, "no topology spread over kubernetes.io/hostname");
        assertEquals(1, byNode.path("maxSkew").asInt());
        assertEquals("DoNotSchedule", byNode.path("whenUnsatisfiable").asText());
        assertTrue(NetworkPolicies.selects(byNode.path("labelSelector"), Rendered.podLabels(gateway)),
                "the spread constraint does not select the gateway pods");
    }

    @Test
    @DisplayName("prod turns the sandbox off and takes PostgreSQL and Redis from operator-created Secrets")
    void prodTurnsTheSandboxOffAndUsesExternalDataStores() {
        Rendered prod = Manifests.render(Target.PROD);
        JsonNode proxy = prod.get("Deployment", "upstream-proxy-service");

        assertEquals("false", prod.envFromConfigMap(proxy).get("UPSTREAM_SANDBOX_ENABLED"));
        assertFalse(prod.envFromConfigMap(proxy).getOrDefault("UPSTREAM_BASE_URL", "").isEmpty(), "upstream URL");
        assertTrue(prod.ofKind("StatefulSet").isEmpty(), "prod runs no database in the cluster");
        assertTrue(prod.find("Deployment", "redis").isEmpty(), "prod runs no Redis in the cluster");
        assertTrue(prod.ofKind("Secret").isEmpty(), "prod Secrets are created by the operator, not rendered");
        Map<String, JsonNode> billingEnv = Rendered.env(prod.get("Deployment", "billing-service"));
        assertEquals("socialcrawl-database", secretName(billingEnv.get("QUARKUS_DATASOURCE_JDBC_URL")));
        assertEquals("socialcrawl-database", secretName(billingEnv.get("QUARKUS_DATASOURCE_PASSWORD")));
        for (String service : Rendered.SERVICES) {
            assertEquals("socialcrawl-redis",
                    secretName(Rendered.env(prod.get("Deployment", service)).get("QUARKUS_REDIS_HOSTS")), service);
        }
    }

    @Test
    @DisplayName("dev runs one replica of each service without autoscaling and with the sandbox on")
    void devRunsSingleReplicasWithTheSandboxOn() {
        Rendered dev = Manifests.render(Target.DEV);

        for (String service : Rendered.SERVICES) {
            assertEquals(1, dev.get("Deployment", service).path("spec").path("replicas").asInt(), service);
        }
        assertTrue(dev.ofKind("HorizontalPodAutoscaler").isEmpty(), "dev does not autoscale");
        assertEquals("true", dev.envFromConfigMap(dev.get("Deployment", "upstream-proxy-service"))
                .get("UPSTREAM_SANDBOX_ENABLED"));
    }

    @Test
    @DisplayName("dev runs PostgreSQL and Redis as StatefulSets on persistent volumes, both behind Services")
    void devRunsPostgresqlAndRedisOnVolumes() {
        Rendered dev = Manifests.render(Target.DEV);

        assertDataOnClaim(dev.get("StatefulSet", "postgresql"), "/var/lib/postgresql/data");
        assertDataOnClaim(dev.get("StatefulSet", "redis"), "/data");
        assertEquals(5432, dev.get("Service", "postgresql").path("spec").path("ports").path(0).path("port").asInt());
        assertEquals(6379, dev.get("Service", "redis").path("spec").path("ports").path(0).path("port").asInt());
        JsonNode database = dev.ofKind("Secret").stream()
                .filter(s -> Rendered.name(s).startsWith("socialcrawl-database")).findFirst().orElseThrow();
        assertEquals("jdbc:postgresql://postgresql:5432/socialcrawl", SecretsAndImagesTest.decoded(database, "jdbc-url"));
        JsonNode redis = dev.ofKind("Secret").stream()
                .filter(s -> Rendered.name(s).startsWith("socialcrawl-redis")).findFirst().orElseThrow();
        assertEquals("redis://redis:6379", SecretsAndImagesTest.decoded(redis, "hosts"));
    }

    @Test
    @DisplayName("dev's Redis keeps the settlement outbox: AOF fsynced every second, noeviction, a memory cap below the limit")
    void devRedisIsDurable() {
        JsonNode redis = Rendered.mainContainer(Manifests.render(Target.DEV).get("StatefulSet", "redis"));
        List<String> args = new ArrayList<>();
        redis.path("args").forEach(a -> args.add(a.asText()));

        assertEquals("yes", argument(args, "--appendonly"));
        assertEquals("everysec", argument(args, "--appendfsync"));
        assertEquals("noeviction", argument(args, "--maxmemory-policy"));
        assertEquals("/data", argument(args, "--dir"));
        String maxmemory = argument(args, "--maxmemory");
        assertTrue(maxmemory.endsWith("mb"), "maxmemory in mb: " + maxmemory);
        long limitMi = Long.parseLong(redis.path("resources").path("limits").path("memory").asText().replace("Mi", ""));
        assertTrue(Long.parseLong(maxmemory.replace("mb", "")) < limitMi, "maxmemory below the container limit");
    }

    @Test
    @DisplayName("the Ingress sends everything to the gateway's public port; prod names its host and TLS certificate")
    void theIngressRoutesToTheGatewaysPublicPort() {
        for (Target target : List.of(Target.BASE, Target.DEV, Target.PROD)) {
            Rendered rendered = Manifests.render(target);
            assertEquals(1, rendered.ofKind("Ingress").size(), target + ": one Ingress");
            JsonNode backend = rendered.get("Ingress", "gateway-service").path("spec").path("rules").path(0).path("http")
                    .path("paths").path(0).path("backend").path("service");
            assertEquals("gateway-service", backend.path("name").asText(), target + " backend");
            assertEquals("http", backend.path("port").path("name").asText(), target + ": the public port, never management");
        }
        JsonNode prod = Manifests.render(Target.PROD).get("Ingress", "gateway-service").path("spec");
        String host = prod.path("rules").path(0).path("host").asText();
        assertFalse(host.isEmpty(), "prod Ingress host");
        assertEquals(host, prod.path("tls").path(0).path("hosts").path(0).asText(), "the certificate covers the host");
        assertFalse(prod.path("tls").path(0).path("secretName").asText().isEmpty(), "prod TLS Secret");
    }

    private static void assertDataOnClaim(JsonNode statefulSet, String dataDir) {
        JsonNode claim = statefulSet.path("spec").path("volumeClaimTemplates").path(0);
        assertFalse(claim.isMissingNode(), Rendered.name(statefulSet) + " has no volumeClaimTemplate");
        assertFalse(claim.path("spec").path("resources").path("requests").path("storage").asText().isEmpty());
        boolean dataOnClaim = false;
        for (JsonNode mount : Rendered.mainContainer(statefulSet).path("volumeMounts")) {
            dataOnClaim |= mount.path("name").asText().equals(Rendered.name(claim))
                    && mount.path("mountPath").asText().equals(dataDir);
        }
        assertTrue(dataOnClaim, Rendered.name(statefulSet) + ": " + dataDir + " is not on the claimed volume");
        for (JsonNode volume : Rendered.podSpec(statefulSet).path("volumes")) {
            assertFalse(volume.path("name").asText().equals(Rendered.name(claim)), "an emptyDir shadows the claim");
        }
    }

    private static String argument(List<String> args, String flag) {
        int i = args.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < args.size(), "redis runs without " + flag + ": " + args);
        return args.get(i + 1);
    }

    private static String secretName(JsonNode envEntry) {
        return envEntry.path("valueFrom").path("secretKeyRef").path("name").asText();
    }
}

package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
    @DisplayName("dev runs PostgreSQL as a StatefulSet on a persistent volume, and Redis, both behind Services")
    void devRunsPostgresqlOnAVolumeAndRedis() {
        Rendered dev = Manifests.render(Target.DEV);
        JsonNode postgresql = dev.get("StatefulSet", "postgresql");

        JsonNode claim = postgresql.path("spec").path("volumeClaimTemplates").path(0);
        assertFalse(claim.isMissingNode(), "PostgreSQL has no volumeClaimTemplate");
        assertFalse(claim.path("spec").path("resources").path("requests").path("storage").asText().isEmpty());
        boolean dataOnClaim = false;
        for (JsonNode mount : Rendered.mainContainer(postgresql).path("volumeMounts")) {
            dataOnClaim |= mount.path("name").asText().equals(Rendered.name(claim))
                    && mount.path("mountPath").asText().equals("/var/lib/postgresql/data");
        }
        assertTrue(dataOnClaim, "the data directory is not on the claimed volume");
        assertEquals(5432, dev.get("Service", "postgresql").path("spec").path("ports").path(0).path("port").asInt());
        dev.get("Deployment", "redis"); // fails when dev has no Redis
        assertEquals(6379, dev.get("Service", "redis").path("spec").path("ports").path(0).path("port").asInt());
        JsonNode database = dev.ofKind("Secret").stream()
                .filter(s -> Rendered.name(s).startsWith("socialcrawl-database")).findFirst().orElseThrow();
        assertEquals("jdbc:postgresql://postgresql:5432/socialcrawl", SecretsAndImagesTest.decoded(database, "jdbc-url"));
        JsonNode redis = dev.ofKind("Secret").stream()
                .filter(s -> Rendered.name(s).startsWith("socialcrawl-redis")).findFirst().orElseThrow();
        assertEquals("redis://redis:6379", SecretsAndImagesTest.decoded(redis, "hosts"));
    }

    private static String secretName(JsonNode envEntry) {
        return envEntry.path("valueFrom").path("secretKeyRef").path("name").asText();
    }
}

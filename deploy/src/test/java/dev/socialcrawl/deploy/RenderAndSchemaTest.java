package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RenderAndSchemaTest {

    @ParameterizedTest(name = "{0} renders with kubectl kustomize into named objects")
    @EnumSource(Target.class)
    void everyKustomizationRendersIntoNamedObjects(Target target) {
        Rendered rendered = Manifests.render(target);

        assertAll(rendered.objects().stream().map(o -> () -> {
            assertFalse(o.path("apiVersion").asText().isEmpty(), "apiVersion missing in " + o);
            assertFalse(o.path("kind").asText().isEmpty(), "kind missing in " + o);
            assertFalse(Rendered.name(o).isEmpty(), "metadata.name missing in " + o);
        }));
    }

    @ParameterizedTest(name = "{0} carries a Deployment, a Service and a PodDisruptionBudget per service")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void everyServiceHasItsDeploymentServiceAndDisruptionBudget(Target target) {
        Rendered rendered = Manifests.render(target);

        for (String service : Rendered.SERVICES) {
            JsonNode deployment = rendered.get("Deployment", service);
            JsonNode svc = rendered.get("Service", service);
            JsonNode pdb = rendered.get("PodDisruptionBudget", service);
            assertEquals(Rendered.podLabels(deployment).get("app.kubernetes.io/name"),
                    svc.path("spec").path("selector").path("app.kubernetes.io/name").asText(),
                    service + ": the Service does not select the Deployment's pods");
            assertEquals(service, pdb.path("spec").path("selector").path("matchLabels")
                    .path("app.kubernetes.io/name").asText(), service + ": the PDB selects other pods");
            assertFalse(rendered.envFromConfigMap(deployment).isEmpty(), service + " has an empty ConfigMap");
        }
    }

    @ParameterizedTest(name = "{0} has a HorizontalPodAutoscaler for the gateway and the proxy only")
    @EnumSource(value = Target.class, names = {"BASE", "PROD"})
    void theGatewayAndTheProxyAutoscale(Target target) {
        Rendered rendered = Manifests.render(target);

        Set<String> scaled = rendered.ofKind("HorizontalPodAutoscaler").stream()
                .map(hpa -> hpa.path("spec").path("scaleTargetRef").path("name").asText())
                .collect(Collectors.toSet());
        assertEquals(Set.of("gateway-service", "upstream-proxy-service"), scaled);
        for (JsonNode hpa : rendered.ofKind("HorizontalPodAutoscaler")) {
            assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 2, "min replicas of " + Rendered.name(hpa));
            assertTrue(hpa.path("spec").path("maxReplicas").asInt() > hpa.path("spec").path("minReplicas").asInt());
        }
    }

    @Test
    @DisplayName("every rendered object of base, dev, prod and monitoring passes the Kubernetes schemas")
    void everyRenderedObjectPassesTheKubernetesSchemas() {
        List<String> files = new ArrayList<>();
        for (Target target : Target.values()) {
            files.add(Manifests.render(target).file().toString());
        }
        Path validator = Manifests.DEPLOY_DIR.resolve("k8s/validate");
        Commands.runSuccessfully(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), validator,
                Duration.ofMinutes(5), "to install the offline schema validator (deploy/k8s/validate)");
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        command.addAll(files);

        Commands.Result result = Commands.run(command, validator, Duration.ofMinutes(2),
                "to validate the rendered manifests");

        assertEquals(0, result.exitCode(), "schema validation failed:\n" + result.stderr() + result.stdout());
        int objects = Arrays.stream(Target.values()).mapToInt(t -> Manifests.render(t).objects().size()).sum();
        assertTrue(result.stdout().contains("validated " + objects + " objects, 0 invalid"), result.stdout());
    }
}

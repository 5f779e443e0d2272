package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsAndImagesTest {

    /** Keys that hold a credential; their values must be visibly fake wherever the repository carries one. */
    private static final Pattern SENSITIVE_KEY = Pattern.compile("(?i).*(password|token|api-key|secret).*");
    private static final Pattern LOOKS_LIKE_A_CREDENTIAL = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----|\\bsc_[A-Za-z0-9]{16,}|\\bAKIA[0-9A-Z]{16}\\b|\\bgh[pousr]_[A-Za-z0-9]{20,}");
    private static final Map<String, String> DOCKERFILES = Map.of(
            "gateway", "gateway-service", "billing", "billing-service", "proxy", "upstream-proxy-service");

    @ParameterizedTest(name = "{0}: no rendered Secret carries a real-looking credential")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void noRenderedSecretCarriesARealLookingCredential(Target target) {
        List<JsonNode> secrets = Manifests.render(target).ofKind("Secret");

        if (target != Target.DEV) {
            assertTrue(secrets.isEmpty(), target + " must only reference Secrets");
        }
        assertAll(secrets.stream().flatMap(secret -> {
            Map<String, String> values = new HashMap<>();
            secret.path("data").fieldNames().forEachRemaining(key -> values.put(key, decoded(secret, key)));
            return values.entrySet().stream().filter(e -> SENSITIVE_KEY.matcher(e.getKey()).matches())
                    .map(e -> () -> assertTrue(e.getValue().startsWith("dev-only-") && e.getValue().endsWith("not-a-secret"),
                            Rendered.name(secret) + "/" + e.getKey() + " does not look fake: " + e.getValue()));
        }));
        assertFalse(target == Target.DEV && secrets.isEmpty(), "dev generates its throwaway Secrets");
    }

    @Test
    @DisplayName("no file under deploy/ contains a private key, an API key or a cloud token")
    void noCommittedFileLooksLikeACredential() throws IOException {
        try (Stream<Path> files = Files.walk(Manifests.DEPLOY_DIR)) {
            List<Path> checked = files.filter(Files::isRegularFile)
                    .filter(f -> !Manifests.DEPLOY_DIR.relativize(f).toString().matches("(target|k8s/validate/node_modules)/.*"))
                    .toList();
            assertTrue(checked.size() > 20, "too few files scanned: " + checked.size());
            assertAll(checked.stream().map(file -> () -> {
                Matcher m = LOOKS_LIKE_A_CREDENTIAL.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                boolean found = m.find();
                assertFalse(found, () -> file + " contains something like a credential: " + m.group());
            }));
        }
    }

    @ParameterizedTest(name = "{0}: images are named in the manifests and tagged through kustomize images:")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void imagesAreTaggedThroughKustomizeImages(Target target) {
        Rendered rendered = Manifests.render(target);
        Map<String, String> expected = new HashMap<>();
        for (String dir : List.of("k8s/base", target == Target.PROD ? "k8s/overlays/prod" : "k8s/base")) {
            for (JsonNode image : Manifests.readYaml(dir + "/kustomization.yaml").path("images")) {
                String name = image.path("newName").asText(image.path("name").asText());
                expected.put(image.path("name").asText(), name + ":" + image.path("newTag").asText());
            }
        }

        for (String service : Rendered.SERVICES) {
            String source = Manifests.read(dirOf(service) + "/deployment.yaml");
            assertTrue(source.contains("image: socialcrawl/" + service + "\n"),
                    service + ": the base names its image without a tag");
            assertEquals(expected.get("socialcrawl/" + service),
                    Rendered.mainContainer(rendered.get("Deployment", service)).path("image").asText(), service);
        }
    }

    @ParameterizedTest(name = "the {0} image is a pinned JRE 17, runs as non-root and uses the fast-jar layout")
    @ValueSource(strings = {"gateway", "billing", "proxy"})
    void everyDockerfileIsPinnedNonRootAndFastJar(String image) {
        String dockerfile = Manifests.read("docker/" + image + ".Dockerfile");

        assertTrue(Pattern.compile("(?m)^FROM eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre-[a-z]+(@sha256:[0-9a-f]{64})?$")
                .matcher(dockerfile).find(), "base image not pinned to an exact JRE 17 release");
        assertTrue(Pattern.compile("(?m)^USER 10001:10001$").matcher(dockerfile).find(), "not a numeric non-root user");
        for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(dockerfile.contains("COPY target/quarkus-app/" + part), "fast-jar part missing: " + part);
        }
        assertTrue(dockerfile.contains("\"-jar\", \"/deployments/quarkus-run.jar\"]"), "exec-form quarkus-run.jar");
        assertTrue(dockerfile.contains(" " + DOCKERFILES.get(image) + "\n"), "build context is the service module");
        assertEquals(10001, Rendered.podSpec(Manifests.render(Target.BASE).get("Deployment", DOCKERFILES.get(image)))
                .path("securityContext").path("runAsUser").asInt(), "pod runAsUser matches the image user");
    }

    static String decoded(JsonNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }

    private static String dirOf(String service) {
        return "k8s/base/" + switch (service) {
            case "gateway-service" -> "gateway";
            case "billing-service" -> "billing";
            default -> "proxy";
        };
    }
}

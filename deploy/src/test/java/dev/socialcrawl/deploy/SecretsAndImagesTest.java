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
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        List<String> kustomizations = target == Target.PROD ? List.of("k8s/base", "k8s/overlays/prod") : List.of("k8s/base");

        for (String service : Rendered.SERVICES) {
            String source = Manifests.read(dirOf(service) + "/deployment.yaml");
            assertTrue(source.contains("image: socialcrawl/" + service + "\n"),
                    service + ": the base names its image without a tag");
            // Each kustomization's images: renames what the one before it left.
            String image = "socialcrawl/" + service;
            for (String dir : kustomizations) {
                for (JsonNode entry : Manifests.readYaml(dir + "/kustomization.yaml").path("images")) {
                    if (image.replaceFirst(":[^:/]+$", "").equals(entry.path("name").asText())) {
                        image = entry.path("newName").asText(entry.path("name").asText()) + ":"
                                + entry.path("newTag").asText();
                    }
                }
            }
            assertEquals(image, Rendered.mainContainer(rendered.get("Deployment", service)).path("image").asText(),
                    service);
        }
    }

    @ParameterizedTest(name = "the {0} image is a pinned JRE 17, runs as non-root and uses the fast-jar layout")
    @ValueSource(strings = {"gateway", "billing", "proxy"})
    void everyDockerfileIsPinnedNonRootAndFastJar(String image) {
        String dockerfile = Manifests.read("docker/" + image + ".Dockerfile");

        assertTrue(Pattern.compile(
                "(?m)^FROM docker\\.io/library/eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre-[a-z]+(@sha256:[0-9a-f]{64})?$")
                .matcher(dockerfile).find(), "base image not pinned to an exact JRE 17 release");
        assertTrue(Pattern.compile("(?m)^USER 10001:10001$").matcher(dockerfile).find(), "not a numeric non-root user");
        for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(dockerfile.contains("COPY target/quarkus-app/" + part), "fast-jar part missing: " + part);
        }
        assertTrue(dockerfile.contains("\"-jar\", \"/deployments/quarkus-run.jar\"]"), "exec-form quarkus-run.jar");
        String module = DOCKERFILES.get(image);
        int port = WorkloadHardeningTest.PORTS.get(module);
        int management = WorkloadHardeningTest.MANAGEMENT_PORTS.get(module);
        assertTrue(dockerfile.contains("\nEXPOSE " + port + " " + management + "\n"), "EXPOSE the API and management ports");
        assertTrue(buildCommands(Map.of()).stream().anyMatch(c -> c.contains("-f deploy/docker/" + image + ".Dockerfile")
                && c.endsWith(" " + module)), "build-images.sh builds " + image + " with its module as the context");
        assertEquals(10001, Rendered.podSpec(Manifests.render(Target.BASE).get("Deployment", DOCKERFILES.get(image)))
                .path("securityContext").path("runAsUser").asInt(), "pod runAsUser matches the image user");
    }

    @ParameterizedTest(name = "{0}: build-images.sh builds exactly the images the overlay deploys")
    @EnumSource(value = Target.class, names = {"DEV", "PROD"})
    void theBuildScriptBuildsTheImagesTheOverlayDeploys(Target target) {
        Rendered rendered = Manifests.render(target);
        Set<String> deployed = new TreeSet<>();
        for (String service : Rendered.SERVICES) {
            deployed.add(Rendered.mainContainer(rendered.get("Deployment", service)).path("image").asText());
        }
        // Dev deploys the script's default names; prod the registry its kustomization names, given as REGISTRY.
        String prodName = Manifests.readYaml("k8s/overlays/prod/kustomization.yaml").path("images").path(0)
                .path("newName").asText();
        Map<String, String> env = target == Target.DEV ? Map.of()
                : Map.of("REGISTRY", prodName.substring(0, prodName.lastIndexOf('/')));

        Set<String> built = new TreeSet<>();
        for (String command : buildCommands(env)) {
            Matcher m = Pattern.compile(" -t (\\S+) ").matcher(command);
            if (m.find()) {
                built.add(m.group(1));
            }
        }

        assertEquals(deployed, built, "images built by deploy/docker/build-images.sh " + env);
    }

    @ParameterizedTest(name = "{0}: every container image is fully qualified (a registry host, never a bare Docker Hub name)")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void everyImageIsFullyQualified(Target target) {
        assertAll(Manifests.render(target).workloads().stream().flatMap(w -> {
            List<String> images = new ArrayList<>();
            Rendered.podSpec(w).path("containers").forEach(c -> images.add(c.path("image").asText()));
            return images.stream();
        }).map(image -> () -> {
            String host = image.substring(0, Math.max(0, image.indexOf('/')));
            assertTrue(host.contains(".") || host.contains(":") || host.equals("localhost"), "not fully qualified: " + image);
            assertTrue(image.matches(".*:[0-9][^:/]*$"), "no version tag: " + image);
        }));
    }

    @ParameterizedTest(name = "{0}: app.kubernetes.io/version on each service equals its image tag")
    @EnumSource(value = Target.class, names = {"BASE", "DEV", "PROD"})
    void theVersionLabelEqualsTheImageTag(Target target) {
        Rendered rendered = Manifests.render(target);

        assertAll(Rendered.SERVICES.stream().map(service -> () -> {
            JsonNode deployment = rendered.get("Deployment", service);
            String image = Rendered.mainContainer(deployment).path("image").asText();
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertEquals(tag, deployment.path("metadata").path("labels").path("app.kubernetes.io/version").asText(),
                    service + " Deployment label");
            assertEquals(tag, Rendered.podLabels(deployment).get("app.kubernetes.io/version"), service + " pod label");
            assertFalse(deployment.path("spec").path("selector").path("matchLabels").has("app.kubernetes.io/version"),
                    service + ": the version must stay out of the immutable selector");
        }));
    }

    @Test
    @DisplayName("dev's throwaway tokens are at least 32 characters, as the prod profile of the images demands")
    void devTokensAreLongEnoughForTheProdProfile() {
        JsonNode tokens = Manifests.render(Target.DEV).ofKind("Secret").stream()
                .filter(s -> Rendered.name(s).startsWith("socialcrawl-tokens")).findFirst().orElseThrow();
        Set<String> keys = new TreeSet<>();
        tokens.path("data").fieldNames().forEachRemaining(keys::add);

        assertEquals(Set.of("billing-admin-token", "billing-internal-token", "billing-ledger-token", "proxy-internal-token"),
                keys);
        for (String key : keys) {
            assertTrue(decoded(tokens, key).length() >= 32, key + " is shorter than 32 characters");
        }
    }

    /** The build commands deploy/docker/build-images.sh would run: its --dry-run output, nothing is built. */
    static List<String> buildCommands(Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of("env"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of("bash", "docker/build-images.sh", "--dry-run"));
        Commands.Result result = Commands.runSuccessfully(command, Manifests.DEPLOY_DIR, Duration.ofSeconds(30),
                "to read the image names of deploy/docker/build-images.sh");
        return result.stdout().lines().filter(l -> l.contains(" build ")).toList();
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

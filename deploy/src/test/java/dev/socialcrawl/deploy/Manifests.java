package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Renders a Kustomize directory with `kubectl kustomize` (offline) and parses the objects. */
final class Manifests {

    static final Path DEPLOY_DIR = locateDeployDir();
    static final Path RENDERED_DIR = Path.of(System.getProperty("rendered.dir",
            DEPLOY_DIR.resolve("target/rendered").toString()));
    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    // Rendering is deterministic, so each directory is rendered once per JVM.
    private static final Map<Target, Rendered> CACHE = new ConcurrentHashMap<>();

    private Manifests() {
    }

    static Rendered render(Target target) {
        return CACHE.computeIfAbsent(target, Manifests::renderNow);
    }

    private static Rendered renderNow(Target target) {
        String kubectl = Objects.requireNonNullElse(System.getenv("KUBECTL"), "kubectl");
        Commands.Result result = Commands.runSuccessfully(
                List.of(kubectl, "kustomize", DEPLOY_DIR.resolve(target.dir()).toString()), DEPLOY_DIR,
                Duration.ofMinutes(2), "to render the Kustomize base and overlays (`kubectl kustomize DIR`)");
        try {
            Files.createDirectories(RENDERED_DIR);
            Path file = RENDERED_DIR.resolve(target.name().toLowerCase() + ".yaml");
            Files.writeString(file, result.stdout());
            List<JsonNode> objects = YAML.readerFor(JsonNode.class).<JsonNode>readValues(result.stdout()).readAll()
                    .stream().filter(node -> node != null && !node.isNull() && !node.isMissingNode()).toList();
            assertTrue(!objects.isEmpty(), target + " rendered no objects");
            return new Rendered(target, file, objects);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the rendered " + target, e);
        }
    }

    static String read(String relativeToDeploy) {
        try {
            return Files.readString(DEPLOY_DIR.resolve(relativeToDeploy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readYaml(String relativeToDeploy) {
        try {
            return YAML.readTree(read(relativeToDeploy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locateDeployDir() {
        String configured = System.getProperty("deploy.dir");
        Path start = configured == null ? Path.of("").toAbsolutePath() : Path.of(configured).toAbsolutePath();
        for (Path dir : List.of(start, start.resolve("deploy"))) {
            if (Files.isRegularFile(dir.resolve("k8s/base/kustomization.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find deploy/k8s/base/kustomization.yaml from " + start);
    }
}

package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects one `kubectl kustomize` run produced, with the look-ups the tests share. */
record Rendered(Target target, Path file, List<JsonNode> objects) {

    static final List<String> SERVICES = List.of("gateway-service", "billing-service", "upstream-proxy-service");

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail(target + " renders no " + kind + " named " + name));
    }

    /** Deployments and StatefulSets: everything that runs pods. */
    List<JsonNode> workloads() {
        List<JsonNode> workloads = new ArrayList<>(ofKind("Deployment"));
        workloads.addAll(ofKind("StatefulSet"));
        return workloads;
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String namespaceOf(JsonNode object) {
        String namespace = object.path("metadata").path("namespace").asText();
        return namespace.isEmpty() ? "default" : namespace;
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static JsonNode mainContainer(JsonNode workload) {
        return podSpec(workload).path("containers").path(0);
    }

    static Map<String, String> podLabels(JsonNode workload) {
        return strings(workload.path("spec").path("template").path("metadata").path("labels"));
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> values = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** A Service's port by name. */
    static JsonNode servicePort(JsonNode service, String name) {
        for (JsonNode port : service.path("spec").path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        return fail(name(service) + " has no port named " + name);
    }

    /** A container's port by name. */
    static JsonNode containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        return fail(container.path("name").asText() + " has no port named " + name);
    }

    /** The ConfigMap data a workload's first container loads through envFrom. */
    Map<String, String> envFromConfigMap(JsonNode workload) {
        for (JsonNode source : mainContainer(workload).path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText();
            if (!configMap.isEmpty()) {
                return strings(get("ConfigMap", configMap).path("data"));
            }
        }
        return fail(name(workload) + " loads no ConfigMap through envFrom");
    }

    /** env entries by name (value or valueFrom node). */
    static Map<String, JsonNode> env(JsonNode workload) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        for (JsonNode entry : mainContainer(workload).path("env")) {
            env.put(entry.path("name").asText(), entry);
        }
        return env;
    }
}

package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The resources one kustomization renders, with the look-ups the rules need. */
record Rendered(String dir, List<JsonNode> documents) {

    List<JsonNode> ofKind(String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    JsonNode get(String kind, String name) {
        Optional<JsonNode> found = find(kind, name);
        assertThat(found).as("%s renders a %s named %s", dir, kind, name).isPresent();
        return found.get();
    }

    JsonNode deployment(String service) {
        return get("Deployment", service);
    }

    /** The service's one container (each pod runs exactly the service). */
    static JsonNode container(JsonNode deployment) {
        JsonNode containers = podSpec(deployment).path("containers");
        assertThat(containers.size()).as("containers of %s", name(deployment)).isEqualTo(1);
        return containers.get(0);
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The name of the ConfigMap the container takes its environment from (the generated, hash-suffixed name). */
    static Optional<String> configMapRef(JsonNode container) {
        return list(container.path("envFrom")).stream()
                .map(e -> e.path("configMapRef").path("name").asText(null))
                .filter(n -> n != null)
                .findFirst();
    }

    /**
     * The container's environment as the application sees it: the ConfigMaps of envFrom, then literal env values
     * (which win). Values from Secrets are left out: they are not in the manifests.
     */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : list(container.path("envFrom"))) {
            String configMap = from.path("configMapRef").path("name").asText(null);
            if (configMap != null) {
                find("ConfigMap", configMap)
                        .ifPresent(cm -> cm.path("data")
                                .properties()
                                .forEach(e -> env.put(e.getKey(), e.getValue().asText())));
            }
        }
        for (JsonNode var : list(container.path("env"))) {
            if (var.has("value")) {
                env.put(var.path("name").asText(), var.path("value").asText());
            } else {
                env.remove(var.path("name").asText());
            }
        }
        return env;
    }

    /** The pod volume a container mount refers to. */
    static JsonNode volumeOf(JsonNode workload, JsonNode mount) {
        return list(podSpec(workload).path("volumes")).stream()
                .filter(v -> mount.path("name").asText().equals(v.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name(workload) + " mounts volume "
                        + mount.path("name").asText() + " that the pod does not declare"));
    }

    /** The container's mounts of the given persistent volume claim. */
    static List<JsonNode> mountsOfClaim(JsonNode workload, String claim) {
        List<JsonNode> mounts = new ArrayList<>();
        for (JsonNode mount : list(container(workload).path("volumeMounts"))) {
            if (claim.equals(volumeOf(workload, mount)
                    .path("persistentVolumeClaim")
                    .path("claimName")
                    .asText())) {
                mounts.add(mount);
            }
        }
        return mounts;
    }
}

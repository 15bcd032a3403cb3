package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.deploy.Rendered.configMapRef;
import static org.bdisuite.deploy.Rendered.container;
import static org.bdisuite.deploy.Rendered.list;
import static org.bdisuite.deploy.Rendered.mountsOfClaim;
import static org.bdisuite.deploy.Rendered.name;
import static org.bdisuite.deploy.Rendered.podSpec;
import static org.bdisuite.deploy.Rendered.volumeOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment rules of every service, checked on what the base and each overlay render. Each rule is written
 * from the requirement (deploy/README.md), not from the rendered output, so a manifest that breaks a rule fails here.
 */
class KubernetesManifestsTest {

    static final String SHARED_CLAIM = "bdi-data";
    static final String EXPORTER_CLAIM = "exporter-data";
    private static final Set<String> NAMESPACED = Set.of(
            "ConfigMap",
            "Secret",
            "Service",
            "Deployment",
            "StatefulSet",
            "PersistentVolumeClaim",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "Cluster",
            "Job",
            "NetworkPolicy",
            "Ingress");
    /** Configuration names that hold secrets: these belong in a Secret, never in a manifest. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|token|credential|passphrase|private).*");
    /** A secret written into some other value: a JDBC URL with password=..., -D...Password=... */
    private static final Pattern SECRET_IN_VALUE = Pattern.compile("(?i).*(password|secret|token)=.+");

    private static final Pattern SERVICE_IMAGE_TAG = Pattern.compile("\\d+\\.\\d+\\.\\d+([.-][A-Za-z0-9.]+)?");

    static Stream<Arguments> layoutsAndServices() {
        return Arrays.stream(Layout.values())
                .flatMap(layout -> Arrays.stream(Service.values()).map(service -> Arguments.of(layout, service)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void rendersExactlyTheThreeServiceDeployments(Layout layout) {
        assertThat(layout.render().ofKind("Deployment"))
                .map(Rendered::name)
                .containsExactlyInAnyOrder(
                        Arrays.stream(Service.values()).map(s -> s.name).toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void probesTheHealthEndpointsOnTheServingPort(Layout layout, Service service) {
        JsonNode container = container(layout.render().deployment(service.name));
        Map<String, String> paths = Map.of(
                "startupProbe",
                "/q/health/started",
                "livenessProbe",
                "/q/health/live",
                "readinessProbe",
                "/q/health/ready");
        int servingPort = layout.tls ? service.sslPort : service.httpPort;
        String scheme = layout.tls ? "HTTPS" : "HTTP";
        paths.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText())
                    .as("%s %s %s path", layout, service, probe)
                    .isEqualTo(path);
            assertThat(containerPort(container, get.path("port")))
                    .as("%s %s %s: the port it probes", layout, service, probe)
                    .isEqualTo(servingPort);
            assertThat(get.path("scheme").asText("HTTP"))
                    .as("%s %s %s scheme", layout, service, probe)
                    .isEqualTo(scheme);
        });
        JsonNode startup = container.path("startupProbe");
        assertThat(startup.path("periodSeconds").asInt(10)
                        * startup.path("failureThreshold").asInt(3))
                .as(
                        "%s %s: the startup probe allows a minute or more (Flyway may wait for another pod's migration)",
                        layout, service)
                .isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void requestsAndLimitsCpuAndMemory(Layout layout, Service service) {
        JsonNode resources = container(layout.render().deployment(service.name)).path("resources");
        for (String resource : List.of("cpu", "memory")) {
            String request = resources.path("requests").path(resource).asText(null);
            String limit = resources.path("limits").path(resource).asText(null);
            assertThat(request)
                    .as("%s %s requests.%s", layout, service, resource)
                    .isNotBlank();
            assertThat(limit).as("%s %s limits.%s", layout, service, resource).isNotBlank();
            assertThat(Quantity.parse(request))
                    .as("%s %s: %s request <= limit", layout, service, resource)
                    .isLessThanOrEqualTo(Quantity.parse(limit));
        }
        assertThat(Quantity.parse(resources.path("limits").path("memory").asText()))
                .as("%s %s: memory limit for a Quarkus JVM", layout, service)
                .isGreaterThanOrEqualTo(Quantity.mebibytes(512));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void runsAsNonRootWithAReadOnlyRootFileSystem(Layout layout, Service service) {
        JsonNode deployment = layout.render().deployment(service.name);
        JsonNode pod = podSpec(deployment).path("securityContext");
        JsonNode own = container(deployment).path("securityContext");
        String what = layout + " " + service + ": ";
        assertThat(effective(own, pod, "runAsNonRoot").asBoolean(false))
                .as(what + "runAsNonRoot")
                .isTrue();
        assertThat(effective(own, pod, "runAsUser").asInt(0))
                .as(what + "runAsUser (non-zero)")
                .isPositive();
        assertThat(own.path("allowPrivilegeEscalation").asBoolean(true))
                .as(what + "allowPrivilegeEscalation")
                .isFalse();
        assertThat(own.path("privileged").asBoolean(false))
                .as(what + "privileged")
                .isFalse();
        assertThat(own.path("readOnlyRootFilesystem").asBoolean(false))
                .as(what + "readOnlyRootFilesystem")
                .isTrue();
        assertThat(list(own.path("capabilities").path("drop")))
                .map(JsonNode::asText)
                .as(what + "capabilities.drop")
                .contains("ALL");
        assertThat(list(own.path("capabilities").path("add")))
                .as(what + "capabilities.add")
                .isEmpty();
        assertThat(effective(own, pod, "seccompProfile").path("type").asText())
                .as(what + "seccompProfile")
                .isEqualTo("RuntimeDefault");
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertThat(podSpec(deployment).path(host).asBoolean(false))
                    .as(what + host)
                    .isFalse();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void writesOnlyToTmpAndItsDataVolumes(Layout layout, Service service) {
        JsonNode deployment = layout.render().deployment(service.name);
        List<JsonNode> mounts = list(container(deployment).path("volumeMounts"));
        assertThat(mounts)
                .as("%s %s: a writable /tmp from an emptyDir (the JVM and Quarkus need one)", layout, service)
                .anySatisfy(m -> {
                    assertThat(m.path("mountPath").asText()).isEqualTo("/tmp");
                    assertThat(m.path("readOnly").asBoolean(false)).isFalse();
                    assertThat(volumeOf(deployment, m).has("emptyDir")).isTrue();
                });
        for (JsonNode mount : mounts) {
            JsonNode volume = volumeOf(deployment, mount);
            String what =
                    layout + " " + service + " volume " + mount.path("name").asText();
            assertThat(volume.has("hostPath")).as(what + ": no hostPath").isFalse();
            assertThat(volume.has("emptyDir")
                            || volume.has("persistentVolumeClaim")
                            || volume.has("secret")
                            || volume.has("configMap"))
                    .as(what + ": emptyDir, PVC, Secret or ConfigMap")
                    .isTrue();
            if (volume.has("secret") || volume.has("configMap")) {
                assertThat(mount.path("readOnly").asBoolean(false))
                        .as(what + ": mounted read-only")
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void takesConfigFromItsConfigMapAndSecretsOnlyByReference(Layout layout, Service service) {
        Rendered rendered = layout.render();
        JsonNode container = container(rendered.deployment(service.name));
        String configMap = configMapRef(container).orElse(null);
        assertThat(configMap)
                .as("%s %s: envFrom configMapRef", layout, service)
                .matches(Pattern.quote(service.name + "-config") + "(-[a-z0-9]{10})?");
        assertThat(rendered.find("ConfigMap", configMap))
                .as("%s renders ConfigMap %s", layout, configMap)
                .isPresent();
        assertThat(list(container.path("envFrom")))
                .as("%s %s: envFrom secretRef %s-config-creds (required)", layout, service, service.name)
                .anySatisfy(from -> {
                    assertThat(from.path("secretRef").path("name").asText()).isEqualTo(service.name + "-config-creds");
                    assertThat(from.path("secretRef").path("optional").asBoolean(false))
                            .isFalse();
                });
        Set<String> allowed = layout != Layout.PROD
                ? Set.of(service.name + "-config-creds")
                : service == Service.EXPORTER
                        ? Set.of(
                                service.name + "-config-creds",
                                ProdOverlayTest.APP_SECRET,
                                ProdOverlayTest.EXPORT_READER_SECRET)
                        : Set.of(service.name + "-config-creds", ProdOverlayTest.APP_SECRET);
        for (JsonNode var : list(container.path("env"))) {
            JsonNode ref = var.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText())
                        .as(
                                "%s %s env %s: Secret",
                                layout, service, var.path("name").asText())
                        .isIn(allowed);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void commitsNoSecretValue(Layout layout) {
        Rendered rendered = layout.render();
        for (JsonNode secret : rendered.ofKind("Secret")) {
            assertThat(secret.has("data") || secret.has("stringData"))
                    .as(
                            "%s renders Secret %s with values: Secrets are created in the cluster (deploy/README.md)",
                            layout, name(secret))
                    .isFalse();
        }
        for (JsonNode configMap : rendered.ofKind("ConfigMap")) {
            configMap.path("data").properties().forEach(e -> {
                assertThat(e.getKey())
                        .as("%s ConfigMap %s: a secret setting belongs in a Secret", layout, name(configMap))
                        .doesNotMatch(SECRET_NAME);
                assertThat(e.getValue().asText())
                        .as("%s ConfigMap %s %s", layout, name(configMap), e.getKey())
                        .doesNotMatch(SECRET_IN_VALUE);
            });
        }
        for (JsonNode workload : workloads(rendered)) {
            for (JsonNode c : list(podSpec(workload).path("containers"))) {
                for (JsonNode var : list(c.path("env"))) {
                    if (var.has("value")) {
                        String what = layout + " " + name(workload) + " env "
                                + var.path("name").asText();
                        assertThat(var.path("name").asText())
                                .as(what + ": a literal secret")
                                .doesNotMatch(SECRET_NAME);
                        assertThat(var.path("value").asText()).as(what).doesNotMatch(SECRET_IN_VALUE);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void runsTheReplicasOfItsLayout(Layout layout, Service service) {
        JsonNode spec = layout.render().deployment(service.name).path("spec");
        switch (layout) {
            case DEV ->
                assertThat(spec.path("replicas").asInt(1))
                        .as("dev %s replicas", service)
                        .isEqualTo(1);
            case BASE ->
                assertThat(spec.path("replicas").asInt(1))
                        .as("base %s replicas", service)
                        .isGreaterThanOrEqualTo(2);
            case PROD ->
                assertThat(ProdOverlayTest.minimumReplicas(service))
                        .as("prod %s replicas (or its HPA's minReplicas)", service)
                        .isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void hasADisruptionBudgetThatKeepsOnePodAndLetsNodesDrain(Layout layout, Service service) {
        Rendered rendered = layout.render();
        JsonNode deployment = rendered.deployment(service.name);
        JsonNode podLabels = podSpecLabels(deployment);
        List<JsonNode> budgets = rendered.ofKind("PodDisruptionBudget").stream()
                .filter(pdb -> selects(pdb.path("spec").path("selector"), podLabels))
                .toList();
        assertThat(budgets)
                .as("%s: one PodDisruptionBudget selecting the pods of %s", layout, service)
                .hasSize(1);
        JsonNode pdb = budgets.get(0).path("spec");
        int replicas = layout == Layout.PROD
                ? ProdOverlayTest.minimumReplicas(service)
                : deployment.path("spec").path("replicas").asInt(1);
        int mayBeDown = pdb.has("maxUnavailable")
                ? pdb.path("maxUnavailable").asInt(-1)
                : replicas - pdb.path("minAvailable").asInt(Integer.MAX_VALUE);
        assertThat(pdb.path("maxUnavailable").isTextual()
                        || pdb.path("minAvailable").isTextual())
                .as("%s %s PDB: use a number of pods, not a percentage", layout, service)
                .isFalse();
        assertThat(mayBeDown)
                .as("%s %s PDB: a drain may evict a pod", layout, service)
                .isGreaterThanOrEqualTo(1);
        if (replicas >= 2) {
            assertThat(mayBeDown)
                    .as("%s %s PDB: one pod keeps serving", layout, service)
                    .isLessThan(replicas);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void isReachedThroughAServiceOnItsServingPort(Layout layout, Service service) {
        Rendered rendered = layout.render();
        JsonNode deployment = rendered.deployment(service.name);
        JsonNode svc = rendered.get("Service", service.name);
        assertThat(selects(svc.path("spec"), podSpecLabels(deployment)))
                .as("%s Service %s selects its pods", layout, service)
                .isTrue();
        int servingPort = layout.tls ? service.sslPort : service.httpPort;
        assertThat(list(svc.path("spec").path("ports")))
                .as("%s Service %s ports", layout, service)
                .isNotEmpty()
                .allSatisfy(p -> {
                    assertThat(p.path("port").asInt()).isEqualTo(servingPort);
                    assertThat(containerPort(container(deployment), p.path("targetPort")))
                            .isEqualTo(servingPort);
                });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void receiverAndImporterShareTheReadWriteManyVolumeAtTheReceiverBaseFolder(Layout layout) {
        Rendered rendered = layout.render();
        JsonNode receiver = rendered.deployment(Service.RECEIVER.name);
        JsonNode receiverMount = theMountOfSharedClaim(layout, receiver, SHARED_CLAIM);
        assertThat(receiverMount.path("readOnly").asBoolean(false))
                .as("%s receiver writes blocks", layout)
                .isFalse();
        assertOnMount(layout, receiver, "SUITE_RECEIVER_BASE_FOLDER", receiverMount);

        // The importer opens the files by the absolute paths the receiver stored: the same volume at the same path.
        JsonNode importerMount =
                theMountOfSharedClaim(layout, rendered.deployment(Service.BATCH_ADMIN.name), SHARED_CLAIM);
        assertThat(importerMount.path("mountPath").asText())
                .as("%s importer mount path", layout)
                .isEqualTo(receiverMount.path("mountPath").asText());
        assertThat(importerMount.path("subPath").asText(""))
                .isEqualTo(receiverMount.path("subPath").asText(""));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void exporterKeepsRunFilesAndLogsOnItsSharedVolume(Layout layout) {
        Rendered rendered = layout.render();
        JsonNode exporter = rendered.deployment(Service.EXPORTER.name);
        JsonNode mount = theMountOfSharedClaim(layout, exporter, EXPORTER_CLAIM);
        assertOnMount(layout, exporter, "SUITE_EXPORTER_WORK_DIR", mount);
        assertOnMount(layout, exporter, "SUITE_EXPORTER_LOG_DIR", mount);
        Map<String, String> env = rendered.environment(container(exporter));
        // One DataExporterErrors directory per pod: the $(POD_NAME) it names must be defined before it.
        List<String> names = list(container(exporter).path("env")).stream()
                .map(v -> v.path("name").asText())
                .toList();
        if (env.get("SUITE_EXPORTER_LOG_DIR").contains("$(POD_NAME)")) {
            assertThat(names.indexOf("POD_NAME"))
                    .as("%s exporter POD_NAME defined before SUITE_EXPORTER_LOG_DIR", layout)
                    .isBetween(0, names.indexOf("SUITE_EXPORTER_LOG_DIR"));
            assertThat(list(container(exporter).path("env"))
                            .get(names.indexOf("POD_NAME"))
                            .path("valueFrom")
                            .path("fieldRef")
                            .path("fieldPath")
                            .asText())
                    .as("%s exporter POD_NAME", layout)
                    .isEqualTo("metadata.name");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndServices")
    void replicasKeepUniqueClusterIdentities(Layout layout, Service service) {
        Rendered rendered = layout.render();
        JsonNode deployment = rendered.deployment(service.name);
        Map<String, String> env = rendered.environment(container(deployment));
        // Quartz's instance id AUTO (the default) is host name + start time; the lease owner's default is host
        // name + a random suffix per start. A fixed value would make two replicas, or a restarted container and
        // its crashed predecessor, one cluster member.
        assertThat(env.getOrDefault("QUARKUS_QUARTZ_INSTANCE_ID", "AUTO"))
                .as("%s %s Quartz instance id", layout, service)
                .isEqualTo("AUTO");
        assertThat(env)
                .as("%s %s: the lease owner is left to its per-start default", layout, service)
                .doesNotContainKey("SUITE_BATCH_LEASE_OWNER");
        assertThat(env)
                .as("%s %s: the Quartz cluster name is each service's own (application.properties)", layout, service)
                .doesNotContainKey("QUARKUS_QUARTZ_INSTANCE_NAME");
        // The host name is the (unique) pod name unless the pod spec fixes one.
        assertThat(podSpec(deployment).has("hostname"))
                .as("%s %s pod hostname", layout, service)
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void pinsEveryImageToAVersion(Layout layout) {
        Rendered rendered = layout.render();
        List<String> images = new ArrayList<>();
        for (JsonNode workload : workloads(rendered)) {
            for (String kind : List.of("containers", "initContainers")) {
                list(podSpec(workload).path(kind))
                        .forEach(c -> images.add(c.path("image").asText()));
            }
        }
        rendered.ofKind("Cluster")
                .forEach(c -> images.add(c.path("spec").path("imageName").asText()));
        assertThat(images).as("%s images", layout).isNotEmpty().allSatisfy(image -> {
            assertThat(image).as("image").isNotBlank();
            if (!image.contains("@sha256:")) {
                String afterHost = image.substring(image.lastIndexOf('/') + 1);
                assertThat(afterHost).as("image %s has a tag", image).contains(":");
                assertThat(afterHost.substring(afterHost.indexOf(':') + 1))
                        .as("tag of %s", image)
                        .isNotEqualTo("latest");
            }
        });
        for (Service service : Service.values()) {
            String image =
                    container(rendered.deployment(service.name)).path("image").asText();
            assertThat(image).as("%s %s image", layout, service).startsWith("bdi-suite/" + service.name + ":");
            assertThat(image.substring(image.indexOf(':') + 1))
                    .as("%s %s image tag", layout, service)
                    .matches(SERVICE_IMAGE_TAG)
                    .doesNotContain("SNAPSHOT");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Layout.class,
            names = {"DEV", "PROD"})
    void putsEverythingInTheOverlayNamespace(Layout layout) {
        for (JsonNode resource : layout.render().documents()) {
            if (NAMESPACED.contains(resource.path("kind").asText())) {
                assertThat(resource.path("metadata").path("namespace").asText())
                        .as("%s %s %s namespace", layout, resource.path("kind").asText(), name(resource))
                        .isEqualTo(layout.namespace);
            }
        }
        assertThat(layout.render().find("Namespace", layout.namespace))
                .as("%s Namespace", layout)
                .isPresent();
    }

    /** The workload's one mount of a claim, after checking the claim is ReadWriteMany (replicas on several nodes). */
    private static JsonNode theMountOfSharedClaim(Layout layout, JsonNode workload, String claim) {
        assertThat(list(layout.render()
                        .get("PersistentVolumeClaim", claim)
                        .path("spec")
                        .path("accessModes")))
                .map(JsonNode::asText)
                .as("%s PVC %s", layout, claim)
                .contains("ReadWriteMany");
        List<JsonNode> mounts = mountsOfClaim(workload, claim);
        assertThat(mounts)
                .as("%s %s mounts %s once", layout, name(workload), claim)
                .hasSize(1);
        return mounts.get(0);
    }

    /** The directory a configuration variable names lies on the mounted volume. */
    private static void assertOnMount(Layout layout, JsonNode workload, String variable, JsonNode mount) {
        String dir = layout.render().environment(container(workload)).get(variable);
        assertThat(dir).as("%s %s %s", layout, name(workload), variable).isNotBlank();
        assertThat(Path.of(dir)
                        .normalize()
                        .startsWith(Path.of(mount.path("mountPath").asText())))
                .as(
                        "%s %s: %s=%s lies on the volume mounted at %s",
                        layout,
                        name(workload),
                        variable,
                        dir,
                        mount.path("mountPath").asText())
                .isTrue();
    }

    static List<JsonNode> workloads(Rendered rendered) {
        return Stream.of("Deployment", "StatefulSet", "Job", "DaemonSet")
                .flatMap(k -> rendered.ofKind(k).stream())
                .toList();
    }

    /** The containerPort a probe or Service port refers to, by name or by number. */
    static int containerPort(JsonNode container, JsonNode port) {
        for (JsonNode declared : list(container.path("ports"))) {
            if (port.isInt()
                    ? declared.path("containerPort").asInt() == port.asInt()
                    : declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("Port " + port + " is not a declared port of container "
                + container.path("name").asText());
    }

    static JsonNode podSpecLabels(JsonNode workload) {
        return workload.path("spec").path("template").path("metadata").path("labels");
    }

    /** Whether a selector (a label selector's matchLabels, or a Service spec's selector) selects pods with these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.has("matchLabels") ? selector.path("matchLabels") : selector.path("selector");
        if (match.isEmpty()) {
            return false;
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        match.properties().forEach(entries::add);
        return entries.stream()
                .allMatch(e ->
                        e.getValue().asText().equals(labels.path(e.getKey()).asText(null)));
    }

    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }
}

package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.deploy.Rendered.container;
import static org.bdisuite.deploy.Rendered.list;
import static org.bdisuite.deploy.Rendered.name;
import static org.bdisuite.deploy.Rendered.volumeOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What prod adds: a CloudNativePG cluster of 3, HTTPS only with a TLS Secret per service, the receiver's HPA. */
class ProdOverlayTest {

    static final String APP_SECRET = "bdi-postgres-app";
    /** The password of the role suite_export_reader, which CloudNativePG manages and the exporter logs in as. */
    static final String EXPORT_READER_SECRET = "bdi-postgres-export-reader";

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?");

    private static Rendered prod() {
        return Layout.PROD.render();
    }

    private static JsonNode cluster() {
        List<JsonNode> clusters = prod().ofKind("Cluster").stream()
                .filter(c -> c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/"))
                .toList();
        assertThat(clusters).as("prod: one CloudNativePG Cluster").hasSize(1);
        return clusters.get(0);
    }

    /** The fewest pods of a service prod runs: its replicas, or its HorizontalPodAutoscaler's minReplicas. */
    static int minimumReplicas(Service service) {
        Optional<JsonNode> hpa = hpaOf(service);
        JsonNode replicas = prod().deployment(service.name).path("spec").path("replicas");
        if (hpa.isPresent()) {
            assertThat(replicas.isMissingNode()
                            || replicas.asInt()
                                    >= hpa.get()
                                            .path("spec")
                                            .path("minReplicas")
                                            .asInt())
                    .as("prod %s: no replicas field that undercuts its HPA", service)
                    .isTrue();
            return hpa.get().path("spec").path("minReplicas").asInt(1);
        }
        return replicas.asInt(1);
    }

    private static int maximumReplicas(Service service) {
        return hpaOf(service)
                .map(h -> h.path("spec").path("maxReplicas").asInt())
                .orElseGet(() -> prod().deployment(service.name)
                        .path("spec")
                        .path("replicas")
                        .asInt(1));
    }

    private static Optional<JsonNode> hpaOf(Service service) {
        return prod().ofKind("HorizontalPodAutoscaler").stream()
                .filter(h -> h.path("spec")
                                .path("scaleTargetRef")
                                .path("kind")
                                .asText()
                                .equals("Deployment")
                        && h.path("spec")
                                .path("scaleTargetRef")
                                .path("name")
                                .asText()
                                .equals(service.name))
                .findFirst();
    }

    @Test
    void postgresIsACloudNativePgClusterOfThreeInstances() {
        JsonNode cluster = cluster();
        assertThat(cluster.path("spec").path("instances").asInt())
                .as("instances")
                .isEqualTo(3);
        assertThat(prod().ofKind("StatefulSet"))
                .as("prod runs no PostgreSQL of its own")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Service.class)
    void servicesUseTheClusterPrimaryOverVerifiedTls(Service service) {
        JsonNode cluster = cluster();
        JsonNode deployment = prod().deployment(service.name);
        JsonNode container = container(deployment);
        String url = prod().environment(container).get("QUARKUS_DATASOURCE_JDBC_URL");
        Matcher jdbc = JDBC.matcher(url == null ? "" : url);
        assertThat(jdbc.matches())
                .as("prod %s QUARKUS_DATASOURCE_JDBC_URL %s", service, url)
                .isTrue();
        assertThat(jdbc.group(1))
                .as("prod %s database host: the cluster's read-write Service", service)
                .isEqualTo(name(cluster) + "-rw");
        assertThat(jdbc.group(3))
                .as("prod %s database", service)
                .isEqualTo(cluster.path("spec")
                        .path("bootstrap")
                        .path("initdb")
                        .path("database")
                        .asText());
        Map<String, String> params = query(jdbc.group(4));
        assertThat(params.get("sslmode")).as("prod %s sslmode", service).isEqualTo("verify-full");
        assertThat(mountedFromSecret(deployment, params.get("sslrootcert"), name(cluster) + "-ca"))
                .as("prod %s: sslrootcert %s is the cluster CA Secret, mounted", service, params.get("sslrootcert"))
                .isTrue();
        for (String var : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            assertThat(list(container.path("env")))
                    .as("prod %s %s from Secret %s", service, var, APP_SECRET)
                    .anySatisfy(e -> {
                        assertThat(e.path("name").asText()).isEqualTo(var);
                        assertThat(e.path("valueFrom")
                                        .path("secretKeyRef")
                                        .path("name")
                                        .asText())
                                .isEqualTo(APP_SECRET);
                    });
        }
    }

    @Test
    void theExportReaderRoleIsManagedByTheClusterWithThePasswordTheExporterUses() {
        List<JsonNode> roles = list(cluster().path("spec").path("managed").path("roles")).stream()
                .filter(role -> role.path("name").asText().equals("suite_export_reader"))
                .toList();
        assertThat(roles)
                .as("prod Cluster spec.managed.roles: suite_export_reader")
                .hasSize(1);
        JsonNode role = roles.get(0);
        assertThat(role.path("login").asBoolean())
                .as("suite_export_reader logs in")
                .isTrue();
        for (String attribute : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
            assertThat(role.path(attribute).asBoolean(false))
                    .as("suite_export_reader %s", attribute)
                    .isFalse();
        }
        assertThat(role.path("passwordSecret").path("name").asText()).isEqualTo(EXPORT_READER_SECRET);
        JsonNode exporter = container(prod().deployment(Service.EXPORTER.name));
        assertThat(list(exporter.path("env")))
                .as("prod exporter SUITE_EXPORTER_READER_PASSWORD from %s", EXPORT_READER_SECRET)
                .anySatisfy(e -> {
                    assertThat(e.path("name").asText()).isEqualTo("SUITE_EXPORTER_READER_PASSWORD");
                    assertThat(e.path("valueFrom")
                                    .path("secretKeyRef")
                                    .path("name")
                                    .asText())
                            .isEqualTo(EXPORT_READER_SECRET);
                    assertThat(e.path("valueFrom")
                                    .path("secretKeyRef")
                                    .path("key")
                                    .asText())
                            .isEqualTo("password");
                });
    }

    @Test
    void postgresAcceptsTheConnectionsOfEveryPodAtFullScale() throws IOException {
        // The pools the services open at most, with one surge pod of each during a rollout. batch-admin also has
        // its unmanaged (extractor) pool, the exporter its export-reader and streams pools, sized in their
        // application.properties.
        Properties batchAdmin = new Properties();
        try (var in = Files.newBufferedReader(
                Kustomize.ROOT.resolve("batch-admin-service/src/main/resources/application.properties"))) {
            batchAdmin.load(in);
        }
        Properties exporter = new Properties();
        try (var in = Files.newBufferedReader(
                Kustomize.ROOT.resolve("exporter-service/src/main/resources/application.properties"))) {
            exporter.load(in);
        }
        int connections = 0;
        for (Service service : Service.values()) {
            JsonNode deployment = prod().deployment(service.name);
            String pool = prod().environment(container(deployment)).get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
            assertThat(pool)
                    .as("prod %s sets its pool size (the Quarkus default is 20)", service)
                    .isNotBlank();
            int perPod = Integer.parseInt(pool)
                    + (service == Service.BATCH_ADMIN
                            ? Integer.parseInt(
                                    batchAdmin.getProperty("quarkus.datasource.unmanaged.jdbc.max-size", "20"))
                            : 0)
                    + (service == Service.EXPORTER
                            ? Integer.parseInt(exporter.getProperty(
                                            "quarkus.datasource.export-reader.jdbc.max-size", "20"))
                                    + Integer.parseInt(exporter.getProperty("suite.exporter.streams.pool-size", "20"))
                            : 0);
            int surge = deployment
                    .path("spec")
                    .path("strategy")
                    .path("rollingUpdate")
                    .path("maxSurge")
                    .asInt(1);
            connections += (maximumReplicas(service) + surge) * perPod;
        }
        int maxConnections = cluster()
                .path("spec")
                .path("postgresql")
                .path("parameters")
                .path("max_connections")
                .asInt(100);
        assertThat(maxConnections)
                .as("prod max_connections against %d pooled connections", connections)
                .isGreaterThanOrEqualTo(connections + 10);
    }

    @Test
    void theReceiverScalesWithAHorizontalPodAutoscaler() {
        Optional<JsonNode> hpa = hpaOf(Service.RECEIVER);
        assertThat(hpa).as("prod HPA for receiver-service").isPresent();
        JsonNode spec = hpa.get().path("spec");
        assertThat(spec.path("scaleTargetRef").path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(spec.path("minReplicas").asInt()).as("minReplicas").isGreaterThanOrEqualTo(2);
        assertThat(spec.path("maxReplicas").asInt())
                .as("maxReplicas")
                .isGreaterThan(spec.path("minReplicas").asInt());
        assertThat(list(spec.path("metrics"))).as("metrics").isNotEmpty();
        assertThat(prod().deployment(Service.RECEIVER.name).path("spec").has("replicas"))
                .as("the HPA owns the receiver's replica count (a replicas field resets it on every apply)")
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Service.class)
    void servesHttpsOnlyWithItsTlsSecret(Service service) {
        JsonNode deployment = prod().deployment(service.name);
        Map<String, String> env = prod().environment(container(deployment));
        String secret = service.name + "-tls";
        for (String file : List.of("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES")) {
            assertThat(env.get(file)).as("prod %s %s", service, file).isNotBlank();
            assertThat(mountedFromSecret(deployment, env.get(file), secret))
                    .as("prod %s %s=%s comes from the mounted Secret %s", service, file, env.get(file), secret)
                    .isTrue();
        }
        assertThat(env.get("QUARKUS_HTTP_INSECURE_REQUESTS"))
                .as("prod %s plain HTTP", service)
                .isEqualTo("disabled");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Service.class,
            names = {"BATCH_ADMIN", "EXPORTER"})
    void trustsTheSuiteCaForCallsToTheReceiver(Service service) {
        JsonNode deployment = prod().deployment(service.name);
        Map<String, String> env = prod().environment(container(deployment));
        Matcher trustStore = Pattern.compile("-Djavax\\.net\\.ssl\\.trustStore=(\\S+)")
                .matcher(env.getOrDefault("JAVA_TOOL_OPTIONS", ""));
        assertThat(trustStore.find())
                .as("prod %s sets a JVM trust store", service)
                .isTrue();
        assertThat(mountedFromSecret(deployment, trustStore.group(1), null))
                .as("prod %s trust store %s is a mounted Secret", service, trustStore.group(1))
                .isTrue();
    }

    @Test
    void exporterCallsTheReceiverOverHttps() {
        Map<String, String> env = prod().environment(container(prod().deployment(Service.EXPORTER.name)));
        URI receiver = URI.create(env.getOrDefault("SUITE_EXPORTER_RECEIVER_URL", ""));
        assertThat(receiver.getScheme()).as("prod exporter receiver scheme").isEqualTo("https");
        assertThat(receiver.getHost()).as("prod exporter receiver host").isEqualTo(Service.RECEIVER.name);
        assertThat(receiver.getPort()).as("prod exporter receiver port").isEqualTo(Service.RECEIVER.sslPort);
    }

    /** The transporter's receiver URL is no configuration: an admin stores it as a destination (HIGH 1 of the review). */
    @Test
    void batchAdminNamesOnlyItsReceiverDestination() {
        Map<String, String> env = prod().environment(container(prod().deployment(Service.BATCH_ADMIN.name)));
        assertThat(env).doesNotContainKey("SUITE_PIPELINE_RECEIVER_URL");
        assertThat(env.get("SUITE_PIPELINE_RECEIVER_DESTINATION")).isEqualTo("receiver");
    }

    /** Whether the file lies under a read-only mount of a Secret volume (of that Secret, when one is named). */
    private static boolean mountedFromSecret(JsonNode deployment, String file, String secretName) {
        if (file == null) {
            return false;
        }
        Path path = Path.of(file).normalize();
        return list(container(deployment).path("volumeMounts")).stream().anyMatch(m -> {
            JsonNode secret = volumeOf(deployment, m).path("secret");
            return !secret.isMissingNode()
                    && path.startsWith(Path.of(m.path("mountPath").asText()))
                    && !path.equals(Path.of(m.path("mountPath").asText()))
                    && (secretName == null
                            || secretName.equals(secret.path("secretName").asText()));
        });
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }
}

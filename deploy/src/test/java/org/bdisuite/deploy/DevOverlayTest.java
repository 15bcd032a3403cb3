package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.deploy.KubernetesManifestsTest.podSpecLabels;
import static org.bdisuite.deploy.KubernetesManifestsTest.selects;
import static org.bdisuite.deploy.Rendered.container;
import static org.bdisuite.deploy.Rendered.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What dev adds: a single PostgreSQL StatefulSet the services reach by its Service. */
class DevOverlayTest {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private static Rendered dev() {
        return Layout.DEV.render();
    }

    private static JsonNode postgres() {
        List<JsonNode> statefulSets = dev().ofKind("StatefulSet");
        assertThat(statefulSets).as("dev: one PostgreSQL StatefulSet").hasSize(1);
        return statefulSets.get(0);
    }

    @Test
    void runsOnePostgresWithItsPasswordFromASecret() {
        JsonNode postgres = postgres();
        assertThat(postgres.path("spec").path("replicas").asInt(1))
                .as("replicas")
                .isEqualTo(1);
        assertThat(postgres.path("spec").path("volumeClaimTemplates").size())
                .as("a volume for its data")
                .isEqualTo(1);
        JsonNode container = container(postgres);
        assertThat(container.path("image").asText()).startsWith("docker.io/library/postgres:");
        assertThat(list(container.path("env")))
                .as("POSTGRES_PASSWORD from a Secret")
                .anySatisfy(e -> {
                    assertThat(e.path("name").asText()).isEqualTo("POSTGRES_PASSWORD");
                    assertThat(e.has("value")).isFalse();
                    assertThat(e.path("valueFrom")
                                    .path("secretKeyRef")
                                    .path("name")
                                    .asText())
                            .isNotBlank();
                });
        assertThat(dev().ofKind("Cluster")).as("no CloudNativePG in dev").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Service.class)
    void servicesReachThePostgresStatefulSet(Service service) {
        String url =
                dev().environment(container(dev().deployment(service.name))).get("QUARKUS_DATASOURCE_JDBC_URL");
        Matcher jdbc = JDBC.matcher(url == null ? "" : url);
        assertThat(jdbc.matches())
                .as("dev %s QUARKUS_DATASOURCE_JDBC_URL %s", service, url)
                .isTrue();
        JsonNode svc = dev().get("Service", jdbc.group(1));
        assertThat(selects(svc.path("spec"), podSpecLabels(postgres())))
                .as("dev Service %s selects the PostgreSQL pod", jdbc.group(1))
                .isTrue();
        int port = jdbc.group(2) == null ? 5432 : Integer.parseInt(jdbc.group(2));
        assertThat(list(svc.path("spec").path("ports")))
                .map(p -> p.path("port").asInt())
                .as("dev %s database port", service)
                .contains(port);
        JsonNode env = list(container(postgres()).path("env")).stream()
                .filter(e -> e.path("name").asText().equals("POSTGRES_DB"))
                .findFirst()
                .orElseThrow();
        assertThat(jdbc.group(3))
                .as("dev %s database name", service)
                .isEqualTo(env.path("value").asText());
    }
}

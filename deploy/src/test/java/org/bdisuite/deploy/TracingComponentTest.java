package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.deploy.Rendered.container;
import static org.bdisuite.deploy.Rendered.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tracing in the cluster (deploy/README.md, "Tracing"): the overlays export no spans (no OTLP endpoint); an overlay
 * with the component components/tracing gives every service the endpoint and lets its pods reach the collector.
 */
class TracingComponentTest {

    private static final String ENDPOINT = "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    private static final List<String> SERVICES = List.of("receiver-service", "batch-admin-service", "exporter-service");

    @Test
    void theOverlaysExportNoSpans() {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            Rendered rendered = Kustomize.render(overlay);
            for (String service : SERVICES) {
                assertThat(rendered.environment(container(rendered.deployment(service))))
                        .as("%s %s", overlay, service)
                        .doesNotContainKey(ENDPOINT);
            }
        }
    }

    @Test
    void theTracingComponentSetsTheEndpointOfEveryServiceAndOpensEgressToTheCollector() throws IOException {
        Rendered rendered = Kustomize.render(overlayWithTracing().toString());
        for (String service : SERVICES) {
            assertThat(rendered.environment(container(rendered.deployment(service))))
                    .as(service)
                    .containsEntry(ENDPOINT, "http://otel-collector.observability.svc:4317");
        }
        JsonNode policy = rendered.get("NetworkPolicy", "bdi-suite-otlp-egress");
        List<String> selected =
                list(policy.path("spec")
                                .path("podSelector")
                                .path("matchExpressions")
                                .get(0)
                                .path("values"))
                        .stream()
                        .map(JsonNode::asText)
                        .toList();
        assertThat(selected).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(list(policy.path("spec").path("egress").get(0).path("ports")).stream()
                        .map(p -> p.path("port").asInt()))
                .containsExactlyInAnyOrder(4317, 4318);
    }

    /** An overlay as an operator writes it: the dev overlay plus the component (kustomize wants relative paths). */
    private static Path overlayWithTracing() throws IOException {
        Path dir = Files.createTempDirectory("tracing-overlay");
        Path kubernetes = dir.relativize(Kustomize.KUBERNETES);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s/overlays/dev
                components:
                  - %s/components/tracing
                """.formatted(kubernetes, kubernetes));
        return dir;
    }
}

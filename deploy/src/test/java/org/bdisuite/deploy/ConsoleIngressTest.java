package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console needs the three services under one host: the Ingress of every layout routes each service's console
 * and API paths to it, to a port its Service has (HTTPS where the services serve only HTTPS).
 */
class ConsoleIngressTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void routesEachServicesPathsToItsServicePort(Layout layout) {
        Rendered rendered = layout.render();
        List<JsonNode> ingresses = rendered.ofKind("Ingress");
        assertThat(ingresses).hasSize(1);
        Map<String, JsonNode> backends = new LinkedHashMap<>();
        for (JsonNode path : ingresses.get(0).at("/spec/rules/0/http/paths")) {
            backends.put(path.get("path").asText(), path.at("/backend/service"));
        }
        assertThat(backends.get("/console/receiver").get("name").asText()).isEqualTo("receiver-service");
        assertThat(backends.get("/receiver").get("name").asText()).isEqualTo("receiver-service");
        assertThat(backends.get("/console/exporter").get("name").asText()).isEqualTo("exporter-service");
        assertThat(backends.get("/exporter").get("name").asText()).isEqualTo("exporter-service");
        assertThat(backends.get("/").get("name").asText()).isEqualTo("batch-admin-service");
        String portName = layout.tls ? "https" : "http";
        for (JsonNode backend : backends.values()) {
            assertThat(backend.at("/port/name").asText()).isEqualTo(portName);
            JsonNode service = rendered.ofKind("Service").stream()
                    .filter(s -> backend.get("name")
                            .asText()
                            .equals(s.at("/metadata/name").asText()))
                    .findFirst()
                    .orElseThrow();
            List<String> ports = new ArrayList<>();
            service.at("/spec/ports").forEach(port -> ports.add(port.get("name").asText()));
            assertThat(ports).contains(portName);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void everyServiceGetsTheSharedConsoleSessionKeyFromItsSecret(Layout layout) {
        // The key is a secret: the example Secret files name it, no manifest carries a value.
        for (Service service : Service.values()) {
            assertThat(java.nio.file.Path.of("secrets", service.name + ".env.example"))
                    .content()
                    .contains("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY=");
        }
        assertThat(layout.render().ofKind("ConfigMap").toString()).doesNotContain("SESSION_ENCRYPTION_KEY");
    }
}

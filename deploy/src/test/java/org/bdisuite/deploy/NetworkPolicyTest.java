package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.deploy.Rendered.container;
import static org.bdisuite.deploy.Rendered.list;
import static org.bdisuite.deploy.Rendered.name;
import static org.bdisuite.deploy.Rendered.podSpec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The network policies each overlay renders: every suite pod is selected by a policy that denies ingress and
 * egress by default, and the policies that select it together allow exactly its destinations: the cluster DNS,
 * the overlay's PostgreSQL, the receiver (from batch-admin and the exporter), for the exporter the SMTP relay and
 * SFTP hosts as address blocks on the configured ports, and for batch-admin's notifications the SMTP relay and the
 * webhook receivers as address blocks. Each policy is read the way Kubernetes reads it: rules
 * of all the policies selecting a pod add up.
 */
class NetworkPolicyTest {

    private static final String DNS = "namespace{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns}";
    private static final String RECEIVER_PODS = "pods{app.kubernetes.io/name=receiver-service}";
    private static final int SFTP_PORT = 22;

    static Stream<Object[]> overlaysAndServices() {
        return Stream.of(Layout.DEV, Layout.PROD)
                .flatMap(layout -> Stream.of(Service.values()).map(service -> new Object[] {layout, service}));
    }

    /** The labels of the service's pods, as its Deployment's template gives them. */
    private static Map<String, String> podLabels(Rendered rendered, String workload) {
        JsonNode deployment = rendered.find("Deployment", workload)
                .or(() -> rendered.find("StatefulSet", workload))
                .orElseThrow(() -> new AssertionError(rendered.dir() + " renders no workload " + workload));
        Map<String, String> labels = new TreeMap<>();
        deployment
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Whether a label selector selects pods with these labels (matchLabels and the In / NotIn / Exists operators). */
    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, JsonNode> wanted : selector.path("matchLabels").properties()) {
            if (!wanted.getValue().asText().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : list(selector.path("matchExpressions"))) {
            String value = labels.get(expression.path("key").asText());
            Set<String> values = new TreeSet<>(list(expression.path("values")).stream()
                    .map(JsonNode::asText)
                    .toList());
            boolean matches = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("Unknown selector operator in " + expression);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonNode> policiesSelecting(Rendered rendered, Map<String, String> podLabels) {
        return rendered.ofKind("NetworkPolicy").stream()
                .filter(policy -> selects(policy.path("spec").path("podSelector"), podLabels))
                .toList();
    }

    private static boolean hasType(JsonNode policy, String type) {
        return list(policy.path("spec").path("policyTypes")).stream().anyMatch(t -> type.equals(t.asText()));
    }

    /** What the policies selecting the pod allow in one direction, one "peer protocol/port" line per grant. */
    private static Set<String> grants(Rendered rendered, Map<String, String> podLabels, String type) {
        String rules = type.equals("Egress") ? "egress" : "ingress";
        String peers = type.equals("Egress") ? "to" : "from";
        Set<String> grants = new TreeSet<>();
        for (JsonNode policy : policiesSelecting(rendered, podLabels)) {
            if (!hasType(policy, type)) {
                continue;
            }
            for (JsonNode rule : list(policy.path("spec").path(rules))) {
                List<String> ruleFrom = list(rule.path(peers)).stream()
                        .map(NetworkPolicyTest::peer)
                        .toList();
                List<String> rulePorts = list(rule.path("ports")).stream()
                        .map(p -> p.path("protocol").asText("TCP") + "/"
                                + p.path("port").asText())
                        .toList();
                for (String from : ruleFrom.isEmpty() ? List.of("anywhere") : ruleFrom) {
                    for (String port : rulePorts.isEmpty() ? List.of("any port") : rulePorts) {
                        grants.add(from + " " + port);
                    }
                }
            }
        }
        return grants;
    }

    private static String peer(JsonNode peer) {
        List<String> parts = new ArrayList<>();
        if (peer.has("ipBlock")) {
            parts.add("cidr " + peer.path("ipBlock").path("cidr").asText()
                    + (peer.path("ipBlock").has("except")
                            ? " except " + peer.path("ipBlock").path("except")
                            : ""));
        }
        if (peer.has("namespaceSelector")) {
            parts.add("namespace" + selector(peer.path("namespaceSelector")));
        }
        if (peer.has("podSelector")) {
            parts.add("pods" + selector(peer.path("podSelector")));
        }
        return String.join(" ", parts);
    }

    private static String selector(JsonNode selector) {
        Set<String> terms = new TreeSet<>();
        selector.path("matchLabels")
                .properties()
                .forEach(e -> terms.add(e.getKey() + "=" + e.getValue().asText()));
        list(selector.path("matchExpressions"))
                .forEach(e -> terms.add(
                        e.path("key").asText() + " " + e.path("operator").asText() + " " + e.path("values")));
        return "{" + String.join(",", terms) + "}";
    }

    /** The overlay's PostgreSQL pods as a policy peer, after checking they are the ones the services connect to. */
    private static String postgresPods(Layout layout) {
        Rendered rendered = layout.render();
        if (layout == Layout.PROD) {
            String cluster = name(rendered.ofKind("Cluster").get(0));
            // CloudNativePG labels every instance of a Cluster with cnpg.io/cluster=<its name>.
            return "pods{cnpg.io/cluster=" + cluster + "}";
        }
        assertThat(podLabels(rendered, "postgres")).containsEntry("app.kubernetes.io/name", "postgres");
        return "pods{app.kubernetes.io/name=postgres}";
    }

    private static int postgresPort(Layout layout, Service service) {
        String url = layout.render()
                .environment(container(layout.render().deployment(service.name)))
                .get("QUARKUS_DATASOURCE_JDBC_URL");
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("jdbc:postgresql://[^:/]+(?::(\\d+))?/")
                .matcher(url);
        assertThat(port.lookingAt())
                .as("%s %s JDBC URL %s", layout, service, url)
                .isTrue();
        return port.group(1) == null ? 5432 : Integer.parseInt(port.group(1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void everySuitePodIsDeniedEverythingByDefault(Layout layout) {
        Rendered rendered = layout.render();
        for (Service service : Service.values()) {
            Map<String, String> labels = podLabels(rendered, service.name);
            List<JsonNode> denying = policiesSelecting(rendered, labels).stream()
                    .filter(p -> hasType(p, "Egress")
                            && hasType(p, "Ingress")
                            && list(p.path("spec").path("egress")).isEmpty()
                            && list(p.path("spec").path("ingress")).isEmpty())
                    .toList();
            assertThat(denying)
                    .as("%s %s: a policy that selects its pods and allows nothing in or out", layout, service)
                    .isNotEmpty();
            assertThat(grants(rendered, labels, "Egress"))
                    .as("%s %s egress", layout, service)
                    .noneMatch(g -> g.startsWith("anywhere") || g.endsWith("any port"));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void eachServiceReachesExactlyItsDestinations(Layout layout, Service service) {
        Rendered rendered = layout.render();
        Set<String> expected = new TreeSet<>(List.of(
                DNS + " UDP/53", DNS + " TCP/53", postgresPods(layout) + " TCP/" + postgresPort(layout, service)));
        if (service != Service.RECEIVER) {
            expected.add(RECEIVER_PODS + " TCP/" + Service.RECEIVER.httpPort);
            expected.add(RECEIVER_PODS + " TCP/" + Service.RECEIVER.sslPort);
        }
        Set<String> actual = grants(rendered, podLabels(rendered, service.name), "Egress");
        if (service == Service.EXPORTER) {
            expected.addAll(mailAndSftp(layout, actual));
        }
        if (service == Service.BATCH_ADMIN && layout != Layout.BASE) {
            expected.addAll(mailAndWebhooks(layout, actual));
        }
        assertThat(actual).as("%s %s egress", layout, service).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(selects(
                        rendered.ofKind("NetworkPolicy").stream()
                                .filter(p -> name(p).endsWith("-to-receiver"))
                                .findFirst()
                                .orElseThrow()
                                .path("spec")
                                .path("egress")
                                .get(0)
                                .path("to")
                                .get(0)
                                .path("podSelector"),
                        podLabels(rendered, Service.RECEIVER.name)))
                .as("%s: the receiver peer selects the receiver's pods", layout)
                .isTrue();
    }

    /**
     * The exporter's SMTP and SFTP grants: address blocks (a policy cannot name a host) on the mail port of its
     * configuration and on the SFTP port; in prod named blocks, never every address.
     */
    private static Set<String> mailAndSftp(Layout layout, Set<String> actual) {
        String mailPort = layout.render()
                .environment(container(layout.render().deployment(Service.EXPORTER.name)))
                .get("QUARKUS_MAILER_PORT");
        Set<String> external =
                new TreeSet<>(actual.stream().filter(g -> g.startsWith("cidr ")).toList());
        assertThat(external)
                .as("%s exporter: SMTP and SFTP address blocks", layout)
                .anyMatch(g -> g.endsWith(" TCP/" + mailPort))
                .anyMatch(g -> g.endsWith(" TCP/" + SFTP_PORT))
                .allMatch(g -> g.endsWith(" TCP/" + mailPort) || g.endsWith(" TCP/" + SFTP_PORT));
        if (layout == Layout.PROD) {
            assertThat(external)
                    .as("prod exporter: named hosts, not the whole internet")
                    .noneMatch(g -> g.startsWith("cidr 0.0.0.0/0") || g.startsWith("cidr ::/0"));
        }
        return external;
    }

    /**
     * batch-admin's notification grants: address blocks on the mail port of its configuration and on HTTPS
     * (webhooks); in prod named blocks, never every address.
     */
    private static Set<String> mailAndWebhooks(Layout layout, Set<String> actual) {
        String mailPort = layout.render()
                .environment(container(layout.render().deployment(Service.BATCH_ADMIN.name)))
                .get("QUARKUS_MAILER_PORT");
        Set<String> external =
                new TreeSet<>(actual.stream().filter(g -> g.startsWith("cidr ")).toList());
        assertThat(external)
                .as("%s batch-admin: SMTP and webhook address blocks", layout)
                .anyMatch(g -> g.endsWith(" TCP/" + mailPort))
                .anyMatch(g -> g.endsWith(" TCP/443"))
                .allMatch(g -> g.endsWith(" TCP/" + mailPort) || g.endsWith(" TCP/443"));
        if (layout == Layout.PROD) {
            assertThat(external)
                    .as("prod batch-admin: named hosts, not the whole internet")
                    .noneMatch(g -> g.startsWith("cidr 0.0.0.0/0") || g.startsWith("cidr ::/0"));
        }
        return external;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void eachServiceIsReachableOnlyOnItsOwnPort(Layout layout, Service service) {
        Rendered rendered = layout.render();
        assertThat(grants(rendered, podLabels(rendered, service.name), "Ingress"))
                .as("%s %s ingress", layout, service)
                .containsExactlyInAnyOrder("anywhere TCP/" + service.httpPort, "anywhere TCP/" + service.sslPort);
        int served = list(container(rendered.deployment(service.name)).path("ports"))
                .get(0)
                .path("containerPort")
                .asInt();
        assertThat(served)
                .as("%s %s serves on a port its policy opens", layout, service)
                .isIn(service.httpPort, service.sslPort);
        assertThat(podSpec(rendered.deployment(service.name))
                        .path("hostNetwork")
                        .asBoolean(false))
                .as("%s %s: host network would bypass the policies", layout, service)
                .isFalse();
    }
}

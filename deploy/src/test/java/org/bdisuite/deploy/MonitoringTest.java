package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.deploy.Rendered.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/monitoring: the PrometheusRule alerts on failures, staleness and the pools, the Grafana dashboard
 * shows throughput, failures, freshness and pool use of the three services, and both read only metrics the services
 * expose, with the event kinds the schema knows.
 */
class MonitoringTest {

    /**
     * What the services expose at /q/metrics that the rules and the dashboard may read: the suite's own metrics
     * (docs/ARCHITECTURE.md, "Notifications and freshness"; the receiver's quota), the connection pools'
     * (quarkus.datasource.metrics.enabled) and the HTTP server's (Quarkus Micrometer), and Prometheus's up.
     */
    private static final Set<String> EXPOSED = Set.of(
            "bdi_failures_total",
            "bdi_notifications_total",
            "bdi_freshness_seconds_since_success",
            "bdi_freshness_max_age_seconds",
            "bdi_receiver_open_bytes",
            "bdi_receiver_quota_bytes",
            "bdi_receiver_quota_refused_total",
            "agroal_active_count",
            "agroal_available_count",
            "agroal_awaiting_count",
            "agroal_max_used_count",
            "http_server_requests_seconds_count",
            "up");

    private static final Pattern METRIC = Pattern.compile(
            "\\b(bdi_[a-z_]+|agroal_[a-z_]+|http_server_[a-z_]+|up)\\b(?=\\s*[{\\[)]|\\s*$|\\s*[=><!])");
    private static final Pattern KIND_VALUES = Pattern.compile("kind=~?\"([A-Z_|]+)\"");
    private static final List<String> SERVICES = List.of("receiver-service", "batch-admin-service", "exporter-service");

    private static Rendered monitoring() {
        return Kustomize.render("monitoring");
    }

    private static List<JsonNode> alertRules() {
        List<JsonNode> rules = monitoring().ofKind("PrometheusRule").stream()
                .flatMap(r -> list(r.path("spec").path("groups")).stream())
                .flatMap(g -> list(g.path("rules")).stream())
                .toList();
        assertThat(rules).as("the PrometheusRule's alerts").isNotEmpty();
        return rules;
    }

    private static JsonNode dashboard() throws IOException {
        JsonNode configMap = monitoring().get("ConfigMap", "bdi-suite-dashboard");
        assertThat(configMap
                        .path("metadata")
                        .path("labels")
                        .path("grafana_dashboard")
                        .asText())
                .as("Grafana's sidecar finds the dashboard by its label")
                .isEqualTo("1");
        return new ObjectMapper()
                .readTree(configMap.path("data").path("bdi-suite.json").asText());
    }

    private static List<String> dashboardExpressions(JsonNode dashboard) {
        return list(dashboard.path("panels")).stream()
                .flatMap(p -> list(p.path("targets")).stream())
                .map(t -> t.path("expr").asText())
                .toList();
    }

    /** The event kinds of the schema (the CHECK of suite_event in the V30 migration). */
    private static Set<String> schemaKinds() throws IOException {
        String migration = Files.readString(Kustomize.ROOT.resolve(
                "common-model/src/main/resources/db/migration/V30__suite_events_and_freshness.sql"));
        Matcher check = Pattern.compile("suite_event_kind_chk CHECK \\(kind IN \\(([^)]*)\\)")
                .matcher(migration);
        assertThat(check.find()).as("V30 lists the event kinds").isTrue();
        return Arrays.stream(check.group(1).split(","))
                .map(k -> k.trim().replace("'", ""))
                .collect(Collectors.toSet());
    }

    private static Set<String> metricsIn(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = METRIC.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Test
    void everyAlertHasASeverityASummaryAndReadsOnlyExposedMetricsAndKnownKinds() throws IOException {
        Set<String> kinds = schemaKinds();
        for (JsonNode rule : alertRules()) {
            String name = rule.path("alert").asText();
            String expr = rule.path("expr").asText();
            assertThat(name).as("alert name").matches("Bdi[A-Za-z]+");
            assertThat(rule.path("labels").path("severity").asText())
                    .as("%s severity", name)
                    .isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText())
                    .as("%s summary", name)
                    .isNotBlank();
            assertThat(rule.path("annotations").path("description").asText())
                    .as("%s description", name)
                    .isNotBlank();
            assertThat(rule.has("for")).as("%s has a for", name).isTrue();
            assertThat(metricsIn(expr)).as("%s reads metrics", name).isNotEmpty();
            assertThat(EXPOSED)
                    .as("%s reads only exposed metrics: %s", name, expr)
                    .containsAll(metricsIn(expr));
            Matcher kindValues = KIND_VALUES.matcher(expr);
            while (kindValues.find()) {
                assertThat(kinds)
                        .as("%s names event kinds of the schema", name)
                        .contains(kindValues.group(1).split("\\|"));
            }
            assertThat(count(expr, '(')).as("%s parentheses balance", name).isEqualTo(count(expr, ')'));
        }
    }

    @Test
    void thereAreAlertsOnEveryFailureKindOnStalenessAndOnThePools() throws IOException {
        String expressions =
                alertRules().stream().map(r -> r.path("expr").asText()).collect(Collectors.joining("\n"));
        for (String kind : schemaKinds()) {
            if (!kind.equals("NOT_FRESH")) {
                assertThat(expressions).as("an alert on %s failures", kind).contains(kind);
            }
        }
        assertThat(alertRules())
                .as("a staleness alert compares the time since success with the rule's limit")
                .anySatisfy(r -> assertThat(metricsIn(r.path("expr").asText()))
                        .contains("bdi_freshness_seconds_since_success", "bdi_freshness_max_age_seconds"));
        assertThat(expressions).contains("agroal_awaiting_count");
    }

    @Test
    void theDashboardShowsThroughputFailuresFreshnessAndPoolUseOfTheThreeServices() throws IOException {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("uid").asText()).isEqualTo("bdi-suite");
        List<String> titles = list(dashboard.path("panels")).stream()
                .map(p -> p.path("title").asText())
                .toList();
        for (String section : List.of("Throughput", "Failures", "Freshness", "Pool use")) {
            assertThat(titles)
                    .as("a %s panel", section)
                    .anySatisfy(t -> assertThat(t).startsWith(section));
        }
        List<String> expressions = dashboardExpressions(dashboard);
        assertThat(expressions).isNotEmpty();
        for (String expr : expressions) {
            assertThat(metricsIn(expr)).as("metrics of %s", expr).isNotEmpty();
            assertThat(EXPOSED)
                    .as("the dashboard reads only exposed metrics: %s", expr)
                    .containsAll(metricsIn(expr));
        }
        JsonNode service = list(dashboard.path("templating").path("list")).stream()
                .filter(v -> v.path("name").asText().equals("service"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a service variable"));
        assertThat(list(service.path("options")).stream()
                        .map(o -> o.path("value").asText()))
                .containsExactlyElementsOf(SERVICES);
        for (JsonNode panel : list(dashboard.path("panels"))) {
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText())
                        .as(
                                "%s uses the dashboard's Prometheus",
                                panel.path("title").asText())
                        .isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void prometheusScrapesTheThreeServicesWithACredentialFromASecret() {
        JsonNode monitor = monitoring().get("ServiceMonitor", "bdi-suite");
        JsonNode selector =
                monitor.path("spec").path("selector").path("matchExpressions").get(0);
        assertThat(list(selector.path("values")).stream().map(JsonNode::asText)).containsExactlyElementsOf(SERVICES);
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        assertThat(endpoint.path("basicAuth").path("password").path("name").asText())
                .as("the metrics user's password comes from a Secret")
                .isEqualTo("bdi-suite-metrics-creds");
        assertThat(monitoring().ofKind("Secret")).as("no Secret is committed").isEmpty();
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}

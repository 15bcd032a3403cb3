package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize} as a separate process (the tool operators use, so what is
 * checked is exactly what {@code kubectl apply -k} would send) and parses every YAML document of its output.
 * {@code -Dkubectl=/path/to/kubectl} (or env KUBECTL) picks another binary than the one on PATH.
 */
final class Kustomize {

    static final Path ROOT =
            Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Per directory its rendering, or why it failed (so that a broken overlay runs kubectl once, not per test). */
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private Kustomize() {}

    /** The rendered resources of deploy/kubernetes/{@code dir} ("base", "overlays/dev", ...), rendered once per JVM. */
    static Rendered render(String dir) {
        Object rendered = CACHE.computeIfAbsent(dir, d -> {
            try {
                return new Rendered(d, parse(run(KUBERNETES.resolve(d))));
            } catch (AssertionError | RuntimeException e) {
                return e.getMessage();
            }
        });
        if (rendered instanceof Rendered r) {
            return r;
        }
        return fail((String) rendered);
    }

    private static String kubectl() {
        String configured = System.getProperty("kubectl", System.getenv("KUBECTL"));
        return configured == null || configured.isBlank() ? "kubectl" : configured;
    }

    private static String run(Path dir) {
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("kustomize", ".out");
            stderr = Files.createTempFile("kustomize", ".err");
            Process process;
            try {
                process = new ProcessBuilder(kubectl(), "kustomize", dir.toString())
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
            } catch (IOException e) {
                return fail("Cannot run '" + kubectl() + " kustomize': kubectl must be on the PATH (CI and the machine"
                        + " image have it; -Dkubectl=/path/to/kubectl or KUBECTL picks another): " + e.getMessage());
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return fail("kubectl kustomize " + dir + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                return fail("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Rendering " + dir + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rendering " + dir, e);
        } finally {
            delete(stdout);
            delete(stderr);
        }
    }

    private static List<JsonNode> parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize printed YAML that does not parse", e);
        }
        return documents;
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}

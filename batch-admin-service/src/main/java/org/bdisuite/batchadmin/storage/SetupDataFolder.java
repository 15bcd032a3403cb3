package org.bdisuite.batchadmin.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bdisuite.batchadmin.config.BatchConfig;

/**
 * The installation's setup-data folder (BDI guide, "Configuration of Job Admin"): {@code batch-jobs/*.xml} are job
 * XMLs read at start besides the packaged ones. In Kubernetes a ConfigMap mounted there (deploy/ base).
 */
@ApplicationScoped
public class SetupDataFolder {

    /** The sub-folder of job XMLs, as the packaged ones' META-INF/batch-jobs. */
    public static final String JOBS = "batch-jobs";
    /** A job name that is also a safe file name (the file is {@code <job name>.xml}). */
    private static final Pattern JOB_FILE = Pattern.compile("[A-Za-z0-9_.-]{1,200}\\.xml");

    private final BatchConfig config;

    public SetupDataFolder(BatchConfig config) {
        this.config = config;
    }

    /**
     * The job XMLs of the folder by file name ({@code Diff_Fnd_ImporterJob.xml}), in name order; none without a
     * configured folder or without its batch-jobs folder. Hidden files (a ConfigMap's {@code ..data} links) and
     * names that are not safe job names are left out.
     */
    public Map<String, String> jobXmls() {
        Map<String, String> xmls = new TreeMap<>();
        if (config.setupDataDir().isEmpty()) {
            return xmls;
        }
        Path folder = config.setupDataDir().get().resolve(JOBS);
        if (!Files.isDirectory(folder)) {
            return xmls;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (JOB_FILE.matcher(name).matches() && !name.startsWith(".") && Files.isRegularFile(file)) {
                    xmls.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the job XMLs of " + folder + " failed", e);
        }
        return xmls;
    }
}

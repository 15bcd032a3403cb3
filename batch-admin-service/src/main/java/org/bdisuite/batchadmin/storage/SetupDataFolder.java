package org.bdisuite.batchadmin.storage;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The sub-folder of seed data files (CSV, docs/ARCHITECTURE.md "The setup-data folder"). */
    public static final String SEED = "seed-data";
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

    /** One seed data file: its name and its records (the header first), each with its line number. */
    public record SeedFile(String name, List<SeedRecord> records) {}

    public record SeedRecord(long line, String[] fields) {}

    /** The configured folder, if any. */
    public Optional<Path> folder() {
        return config.setupDataDir();
    }

    /**
     * The seed data files ({@code seed-data/*.csv}) of {@code folder}, parsed as RFC 4180 CSV (UTF-8), in name
     * order; none when there is no seed-data folder. A file that is not valid CSV fails with its name and line.
     */
    public List<SeedFile> seedFiles(Path folder) {
        Path seeds = folder.resolve(SEED);
        if (!Files.isDirectory(seeds)) {
            return List.of();
        }
        List<SeedFile> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(seeds)) {
            for (Path file : listed.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && name.endsWith(".csv") && Files.isRegularFile(file)) {
                    files.add(new SeedFile(name, parse(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the seed data of " + seeds + " failed", e);
        }
        return files;
    }

    private static List<SeedRecord> parse(Path file) throws IOException {
        List<SeedRecord> records = new ArrayList<>();
        try (CSVReader reader = new CSVReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            String[] fields;
            long line = reader.getLinesRead() + 1;
            while ((fields = reader.readNext()) != null) {
                if (!(fields.length == 1 && fields[0].isBlank())) {
                    records.add(new SeedRecord(line, fields));
                }
                line = reader.getLinesRead() + 1;
            }
        } catch (CsvValidationException e) {
            throw new IllegalArgumentException(
                    "Seed data file " + file.getFileName() + " is not valid CSV near line " + e.getLineNumber(), e);
        }
        return records;
    }
}

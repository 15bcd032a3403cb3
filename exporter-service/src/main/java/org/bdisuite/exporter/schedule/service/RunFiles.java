package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.schedule.persistence.ExportRun;
import org.bdisuite.exporter.schedule.persistence.ExportRunRepository;
import org.bdisuite.exporter.schedule.persistence.RunFile;
import org.bdisuite.exporter.schedule.persistence.RunFileRepository;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/**
 * Finds a run's file for download. Only names recorded for the run are served, so a path parameter never reaches
 * the file system unchecked.
 */
@ApplicationScoped
public class RunFiles {

    private final RunFileRepository files;
    private final ExportRunRepository runs;
    private final ExporterConfig config;

    public RunFiles(RunFileRepository files, ExportRunRepository runs, ExporterConfig config) {
        this.files = files;
        this.runs = runs;
        this.config = config;
    }

    public record Download(String name, Path path, String sha256) {}

    /** The files a run wrote earlier, when all of them are still there (a retried run reuses them). */
    @Transactional
    public java.util.Optional<org.bdisuite.exporter.generator.ExportFiles.Generated> stored(
            long runId, Path directory) {
        java.util.List<RunFile> recorded = files.ofRun(runId);
        if (recorded.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.List<org.bdisuite.exporter.generator.GeneratedFile> generated = new java.util.ArrayList<>();
        long rows = 0;
        for (RunFile file : recorded) {
            Path path = directory.resolve(file.getName());
            if (!Files.isRegularFile(path)) {
                return java.util.Optional.empty();
            }
            rows += file.getRowCount() == null ? 0 : file.getRowCount();
            generated.add(new org.bdisuite.exporter.generator.GeneratedFile(
                    file.getName(), path, file.getBytes(), file.getSha256(), file.getRowCount()));
        }
        return java.util.Optional.of(new org.bdisuite.exporter.generator.ExportFiles.Generated(rows, generated));
    }

    @Transactional
    public Download find(long runId, String name) {
        RunFile file = files.ofRun(runId).stream()
                .filter(f -> f.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Run " + runId + " has no file " + name));
        ExportRun run = runs.findById(runId);
        Path path = config.workDir()
                .resolve(run.getBusinessKey())
                .resolve(Long.toString(runId))
                .resolve(file.getName());
        if (!Files.isRegularFile(path)) {
            throw new ResourceNotFoundException("The file " + name + " of run " + runId + " is no longer kept");
        }
        return new Download(file.getName(), path, file.getSha256());
    }
}

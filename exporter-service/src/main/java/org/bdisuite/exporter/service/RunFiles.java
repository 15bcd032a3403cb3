package org.bdisuite.exporter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.persistence.ExportRun;
import org.bdisuite.exporter.persistence.ExportRunRepository;
import org.bdisuite.exporter.persistence.RunFile;
import org.bdisuite.exporter.persistence.RunFileRepository;
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

    public record Download(String name, Path path, String sha256) {
    }

    @Transactional
    public Download find(long runId, String name) {
        RunFile file = files.ofRun(runId).stream().filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Run " + runId + " has no file " + name));
        ExportRun run = runs.findById(runId);
        Path path = config.workDir().resolve(run.getBusinessKey()).resolve(Long.toString(runId)).resolve(file.getName());
        if (!Files.isRegularFile(path)) {
            throw new ResourceNotFoundException("The file " + name + " of run " + runId + " is no longer kept");
        }
        return new Download(file.getName(), path, file.getSha256());
    }
}

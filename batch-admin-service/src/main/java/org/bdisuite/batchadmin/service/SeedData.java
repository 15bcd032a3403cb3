package org.bdisuite.batchadmin.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bdisuite.batchadmin.api.ReceiverOptionChange;
import org.bdisuite.batchadmin.persistence.PipelineInterfaceRepository;
import org.bdisuite.batchadmin.persistence.SystemOptionRepository;
import org.bdisuite.batchadmin.storage.SetupDataFolder;
import org.bdisuite.batchadmin.storage.SetupDataFolder.SeedFile;
import org.bdisuite.batchadmin.storage.SetupDataFolder.SeedRecord;
import org.bdisuite.model.MergeStrategy;
import org.bdisuite.model.SystemOptionNames;
import org.bdisuite.model.entity.SystemOption;
import org.jboss.logging.Logger;

/**
 * Loads the seed data files of the setup-data folder at start when the system option LOADSEEDDATA is TRUE, then
 * sets it back to FALSE: once across replicas (the option's row lock serialises them; the next one sees FALSE) and
 * all or nothing (one database transaction: a bad file loads nothing and leaves LOADSEEDDATA TRUE, and the service
 * does not start, naming the file and line). Formats: docs/ARCHITECTURE.md, "The setup-data folder".
 */
@ApplicationScoped
public class SeedData {

    static final String SYSTEM_OPTIONS = "system-options.csv";
    static final String RECEIVER_OPTIONS = "receiver-options.csv";
    static final String INTERFACE_PIPELINES = "interface-pipelines.csv";

    private static final Logger LOG = Logger.getLogger(SeedData.class);

    private final SetupDataFolder folder;
    private final SystemOptionRepository options;
    private final SystemSettings settings;
    private final PipelineInterfaceRepository pipelines;

    public SeedData(
            SetupDataFolder folder,
            SystemOptionRepository options,
            SystemSettings settings,
            PipelineInterfaceRepository pipelines) {
        this.folder = folder;
        this.options = options;
        this.settings = settings;
        this.pipelines = pipelines;
    }

    /** After Flyway (which migrates at start before any observer of lower priority runs). */
    void onStart(@Observes @Priority(2000) StartupEvent started) {
        folder.folder().ifPresent(this::loadIfRequested);
    }

    /**
     * Loads the seed data of {@code setupData} when LOADSEEDDATA is TRUE and sets it to FALSE, in one transaction;
     * returns whether this call loaded it. Files are parsed before the transaction begins.
     */
    public boolean loadIfRequested(Path setupData) {
        List<SeedFile> files = folder.seedFiles(setupData);
        boolean loaded = QuarkusTransaction.requiringNew().call(() -> {
            SystemOption flag = options.lockByName(SystemOptionNames.LOAD_SEED_DATA)
                    .orElseThrow(() -> new IllegalStateException("The system option LOADSEEDDATA is missing"));
            if (!"TRUE".equalsIgnoreCase(flag.getValue())) {
                return false;
            }
            for (SeedFile file : files) {
                apply(file);
            }
            flag.setValue("FALSE");
            return true;
        });
        if (loaded) {
            LOG.infof("Loaded the seed data of %s (%d files); LOADSEEDDATA is FALSE again", setupData, files.size());
        }
        return loaded;
    }

    private void apply(SeedFile file) {
        switch (file.name()) {
            case SYSTEM_OPTIONS ->
                each(file, List.of("name", "value"), row -> {
                    if (SystemOptionNames.LOAD_SEED_DATA.equalsIgnoreCase(row[0])) {
                        throw new IllegalArgumentException("LOADSEEDDATA is not seed data");
                    }
                    settings.changeSystemOption(row[0], row[1]);
                });
            case RECEIVER_OPTIONS ->
                each(
                        file,
                        List.of("interface_module", "interface_short_name", "base_folder", "merge_strategy"),
                        row -> settings.changeReceiverOption(
                                row[0], row[1], new ReceiverOptionChange(row[2], mergeStrategy(row[3]))));
            case INTERFACE_PIPELINES ->
                each(
                        file,
                        List.of("interface_module", "interface_short_name", "source_query", "inbound_table"),
                        row -> pipelines.upsert(row[0], row[1], row[2], row[3]));
            default ->
                throw new IllegalStateException("Seed data file " + file.name() + " is not one of "
                        + SYSTEM_OPTIONS + ", " + RECEIVER_OPTIONS + ", " + INTERFACE_PIPELINES
                        + "; nothing was loaded");
        }
    }

    private static MergeStrategy mergeStrategy(String value) {
        try {
            return MergeStrategy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "merge_strategy must be one of " + Arrays.toString(MergeStrategy.values()));
        }
    }

    private interface RowAction {
        void apply(String[] row);
    }

    /** Checks the header, then applies each record; any failure names the file and line and loads nothing. */
    private static void each(SeedFile file, List<String> header, RowAction action) {
        List<SeedRecord> records = file.records();
        if (records.isEmpty()
                || !Arrays.stream(records.get(0).fields())
                        .map(String::trim)
                        .toList()
                        .equals(header)) {
            throw new IllegalStateException("Seed data file " + file.name() + " must start with the header line "
                    + String.join(",", header) + "; nothing was loaded");
        }
        for (SeedRecord record : records.subList(1, records.size())) {
            if (record.fields().length != header.size()) {
                throw failure(file, record, "has " + record.fields().length + " fields, not " + header.size(), null);
            }
            try {
                action.apply(record.fields());
            } catch (RuntimeException e) {
                throw failure(file, record, e.getMessage(), e);
            }
        }
    }

    private static IllegalStateException failure(SeedFile file, SeedRecord record, String problem, Exception cause) {
        return new IllegalStateException(
                "Seed data file " + file.name() + ", line " + record.line() + ": " + problem + "; nothing was loaded",
                cause);
    }
}

package org.bdisuite.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.bdisuite.receiver.service.TemporaryFileSweep;
import org.bdisuite.receiver.storage.DurableFiles;
import org.bdisuite.receiver.storage.ReceiverFolders;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.junit.jupiter.api.Test;

/**
 * The sweep reaches the temporary files under every interface's BASE_FOLDER (read with one plain statement), removes
 * the old ones and keeps those another replica may still be writing.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class TemporaryFileSweepTest {

    @Inject
    TemporaryFileSweep sweep;

    @Inject
    DataSource dataSource;

    @Test
    void oldTemporaryFilesUnderAnInterfacesBaseFolderGoAndNewOnesStay() throws Exception {
        Path base = Files.createTempDirectory(Path.of("target"), "sweep-base").toAbsolutePath();
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder, merge_strategy)"
                        + " VALUES ('SweepModule', 'SweepIface', '" + base + "', 'NO_MERGE')"
                        + " ON CONFLICT (interface_module, interface_short_name) DO UPDATE SET base_folder ="
                        + " excluded.base_folder");
        Path blockFolder = ReceiverFolders.under(base).dataRoot().resolve("Tx#1/SweepModule/1");
        Files.createDirectories(blockFolder);
        Path old = Files.createFile(DurableFiles.temporarySibling(blockFolder.resolve("SweepIface_1.csv")));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = Files.createFile(DurableFiles.temporarySibling(blockFolder.resolve("SweepIface_2.csv")));
        Path data = Files.writeString(blockFolder.resolve("SweepIface_3.csv"), "1,RED\n");
        Files.setLastModifiedTime(data, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(data).hasContent("1,RED");
    }
}

package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.service.SeedData;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.junit.jupiter.api.Test;

/**
 * Seed data of the setup-data folder: loaded when LOADSEEDDATA is TRUE, once even when two replicas start together
 * (then LOADSEEDDATA is FALSE), and all or nothing: a bad file loads nothing, names its line and leaves the flag.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SeedDataTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    DataSource dataSource;

    @Inject
    SeedData seedData;

    private Path setupData(String pipelines) throws Exception {
        Path folder =
                Path.of("target/seed-data-test-" + SEQUENCE.incrementAndGet()).toAbsolutePath();
        Path seeds = Files.createDirectories(folder.resolve("seed-data"));
        Files.writeString(seeds.resolve("system-options.csv"), "name,value\nreceiverMaxNumBlocks,4242\n");
        Files.writeString(
                seeds.resolve("receiver-options.csv"),
                "interface_module,interface_short_name,base_folder,merge_strategy\n"
                        + "Seed_Fnd,Seed,/var/lib/bdi-suite/receiver/seed,MERGE_TO_INTERFACE_LEVEL\n");
        Files.writeString(seeds.resolve("interface-pipelines.csv"), pipelines);
        return folder;
    }

    private void loadSeedData(String value) throws Exception {
        Sql.execute(
                dataSource,
                "UPDATE bdi_system_options SET variable_value = '" + value + "' WHERE variable_name = 'LOADSEEDDATA'");
    }

    private String option(String name) throws Exception {
        return Sql.single(
                dataSource, "SELECT variable_value FROM bdi_system_options WHERE variable_name = '" + name + "'");
    }

    private long pipelines(String module) throws Exception {
        return Sql.singleLong(
                dataSource, "SELECT count(*) FROM bdi_interface_pipeline WHERE interface_module = '" + module + "'");
    }

    @Test
    void loadedOnceWhenTwoReplicasStartTogetherThenTheFlagIsFalse() throws Exception {
        String receiverMax = option("receiverMaxNumBlocks");
        Path folder = setupData("interface_module,interface_short_name,source_query,inbound_table\n"
                + "Seed_Fnd,Seed,\"SELECT id, name FROM seed_source ORDER BY id\",seed_inbound\n"
                + "Seed_Fnd,Other,\"SELECT 1 AS a, 'x,y' AS b ORDER BY 1\",seed_other\n");
        loadSeedData("TRUE");
        try {
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            Callable<Boolean> replica = () -> {
                start.await();
                return seedData.loadIfRequested(folder);
            };
            List<Future<Boolean>> results = List.of(replicas.submit(replica), replicas.submit(replica));
            start.countDown();
            assertThat(List.of(results.get(0).get(), results.get(1).get())).containsExactlyInAnyOrder(true, false);
            replicas.shutdown();

            assertThat(option("LOADSEEDDATA")).isEqualTo("FALSE");
            assertThat(option("receiverMaxNumBlocks")).isEqualTo("4242");
            assertThat(pipelines("Seed_Fnd")).isEqualTo(2);
            assertThat(Sql.single(
                            dataSource,
                            "SELECT source_query FROM bdi_interface_pipeline WHERE interface_short_name = 'Other'"))
                    .isEqualTo("SELECT 1 AS a, 'x,y' AS b ORDER BY 1");
            assertThat(Sql.single(
                            dataSource,
                            "SELECT merge_strategy FROM bdi_receiver_options WHERE interface_module = 'Seed_Fnd'"))
                    .isEqualTo("MERGE_TO_INTERFACE_LEVEL");
            // A later start (the flag is FALSE) loads nothing again.
            Sql.execute(dataSource, "DELETE FROM bdi_interface_pipeline WHERE interface_module = 'Seed_Fnd'");
            assertThat(seedData.loadIfRequested(folder)).isFalse();
            assertThat(pipelines("Seed_Fnd")).isZero();
        } finally {
            Sql.execute(
                    dataSource,
                    "UPDATE bdi_system_options SET variable_value = '" + receiverMax
                            + "' WHERE variable_name = 'receiverMaxNumBlocks'");
            loadSeedData("FALSE");
        }
    }

    @Test
    void aBadFileFailsWithItsLineAndLoadsNothing() throws Exception {
        String receiverMax = option("receiverMaxNumBlocks");
        Path folder = setupData("interface_module,interface_short_name,source_query,inbound_table\n"
                + "Bad_Fnd,Good,SELECT 1 ORDER BY 1,good_table\n"
                + "Bad_Fnd,Bad,SELECT 1 ORDER BY 1,not a table name\n");
        loadSeedData("TRUE");
        try {
            assertThatThrownBy(() -> seedData.loadIfRequested(folder))
                    .hasMessageContaining("interface-pipelines.csv, line 3")
                    .hasMessageContaining("nothing was loaded");

            assertThat(pipelines("Bad_Fnd")).isZero();
            assertThat(option("receiverMaxNumBlocks")).isEqualTo(receiverMax);
            assertThat(option("LOADSEEDDATA")).isEqualTo("TRUE");

            Files.writeString(
                    folder.resolve("seed-data/interface-pipelines.csv"),
                    "interface_module,interface_short_name,source_query,inbound_table\n"
                            + "Bad_Fnd,Good,SELECT 1 ORDER BY 1,good_table\n");
            Files.writeString(
                    folder.resolve("seed-data/system-options.csv"), "name,value\nreceiverMaxNumBlocks,many\n");
            assertThatThrownBy(() -> seedData.loadIfRequested(folder))
                    .hasMessageContaining("system-options.csv, line 2")
                    .hasMessageContaining("whole number");
            Files.writeString(folder.resolve("seed-data/system-options.csv"), "name,value\nreceiverMaxNumBlocks,77\n");
            Files.writeString(folder.resolve("seed-data/unknown.csv"), "a,b\n");
            assertThatThrownBy(() -> seedData.loadIfRequested(folder))
                    .hasMessageContaining("unknown.csv is not one of");
            assertThat(option("LOADSEEDDATA")).isEqualTo("TRUE");
            assertThat(pipelines("Bad_Fnd")).isZero();
            assertThat(option("receiverMaxNumBlocks")).isEqualTo(receiverMax);
        } finally {
            loadSeedData("FALSE");
        }
    }
}

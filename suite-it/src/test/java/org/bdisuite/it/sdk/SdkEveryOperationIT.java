package org.bdisuite.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.it.sdk.SdkCalls.BATCH;
import static org.bdisuite.it.sdk.SdkCalls.EXPORTER;
import static org.bdisuite.it.sdk.SdkCalls.RECEIVER;
import static org.bdisuite.it.sdk.SdkCalls.addedQuery;
import static org.bdisuite.it.sdk.SdkCalls.changingRequest;
import static org.bdisuite.it.sdk.SdkCalls.streamedBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bdisuite.batchadminclient.api.BatchServiceApi;
import org.bdisuite.batchadminclient.api.DataServiceApi;
import org.bdisuite.batchadminclient.api.SystemSettingServiceApi;
import org.bdisuite.batchadminclient.model.CredentialChange;
import org.bdisuite.batchadminclient.model.DataSetSkip;
import org.bdisuite.batchadminclient.model.DestinationChange;
import org.bdisuite.batchadminclient.model.FreshnessRuleChange;
import org.bdisuite.batchadminclient.model.JobExecutionVo;
import org.bdisuite.batchadminclient.model.MergeStrategy;
import org.bdisuite.batchadminclient.model.NewUser;
import org.bdisuite.batchadminclient.model.NotificationRuleChange;
import org.bdisuite.batchadminclient.model.PasswordChange;
import org.bdisuite.batchadminclient.model.ReceiverOptionChange;
import org.bdisuite.batchadminclient.model.RoleChange;
import org.bdisuite.batchadminclient.model.SystemOptionChange;
import org.bdisuite.batchadminclient.model.UserView;
import org.bdisuite.exporterclient.api.CatalogApi;
import org.bdisuite.exporterclient.api.ExportSchedulesApi;
import org.bdisuite.exporterclient.api.RunsAndErrorsApi;
import org.bdisuite.exporterclient.api.ServicesStreamApi;
import org.bdisuite.exporterclient.model.DataSourceVo;
import org.bdisuite.exporterclient.model.FileJobVo;
import org.bdisuite.exporterclient.model.FrequencyRequest;
import org.bdisuite.exporterclient.model.RunVo;
import org.bdisuite.exporterclient.model.ScheduleRequest;
import org.bdisuite.exporterclient.model.ServiceRequest;
import org.bdisuite.exporterclient.model.SftpDetailsRequest;
import org.bdisuite.exporterclient.model.SqlDataSourceRequest;
import org.bdisuite.it.SuiteUnderTest;
import org.bdisuite.it.SuiteUnderTest.Credentials;
import org.bdisuite.receiverclient.api.ReceiverServiceApi;
import org.bdisuite.receiverclient.model.BlockVo;
import org.bdisuite.receiverclient.model.DataSetType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of every stored contract, called through the clients generated from those contracts
 * (receiver-client, batch-admin-client, exporter-client) against the packaged services: each at least once
 * successfully and once with an error its contract documents (answered with the suite's error body). The last test
 * compares the operations called with the contracts' operationIds, so an operation added without a call here fails
 * the build. Byte streams go through the clients as files: downloads arrive as {@code File}s written while read, and
 * uploads (receiver blocks, the services bulk NDJSON) are streamed from files with the workaround of
 * {@link SdkCalls#changingRequest}. The services are the ones the contract fuzz and the auth matrix use (started once
 * per test JVM).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkEveryOperationIT {

    private static final String EXTRACTOR = "Diff_Fnd_ExtractorJob";
    private static final String TRANSPORTER = "Diff_Fnd_DownloaderAndTransporterJob";
    private static final long NO_SUCH_ID = 987_654_321L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteUnderTest suite;
    private SdkCalls calls;
    private Credentials admin;
    private Credentials monitor;
    private Credentials wrongPassword;

    @TempDir
    Path files;

    @BeforeAll
    void start() {
        suite = SuiteUnderTest.get();
        calls = new SdkCalls(suite);
        admin = suite.admin();
        monitor = suite.roleUser("bdi-monitor");
        wrongPassword = new Credentials(SuiteUnderTest.WRONG_PASSWORD.username(), "not-its-password-at-all");
    }

    @AfterAll
    void everyOperationOfEveryContractWasCalled() {
        calls.assertEveryOperationCovered();
    }

    // ------------------------------------------------------------------------------------------ receiver

    @Test
    @Order(1)
    void receiverProtocolWithABlockStreamedFromAFile() throws Exception {
        ReceiverServiceApi receiver = new ReceiverServiceApi(calls.receiver(suite.roleUser("bdi-operator")));
        ReceiverServiceApi exporterRole = new ReceiverServiceApi(calls.receiver(suite.roleUser("DATAEXPORTER")));
        String tx = "Tx#sdk-1";
        String tm = "sdk-1";

        String alive = calls.ok(RECEIVER, "ping", receiver::ping);
        assertThat(alive).isEqualTo("alive");
        calls.fails(RECEIVER, "ping", 403, exporterRole::ping);

        var begun = calls.ok(
                RECEIVER,
                "beginTransaction",
                () -> receiver.beginTransaction(
                        DataSetType.FULL, "Diff_Fnd", 7L, "2026-11-22T02:00:00Z", "rms", "RMS", tx));
        assertThat(begun.getTransactionId()).isEqualTo(tx);
        calls.fails(
                RECEIVER,
                "beginTransaction",
                400,
                () -> receiver.beginTransaction(DataSetType.FULL, "Diff_Fnd", 7L, "not-a-time", "rms", "RMS", "Tx#x"));

        var transmission = calls.ok(
                RECEIVER,
                "beginTransmission",
                () -> receiver.beginTransmission(1, "Diff_Fnd", "Diff", 1L, 2L, "P1", "RMS", tx, tm));
        assertThat(transmission.getReceiverTransmissionStatus()).isEqualTo("IN_PROGRESS");
        calls.fails(
                RECEIVER,
                "beginTransmission",
                400,
                () -> receiver.beginTransmission(1, "Diff_Fnd", "Diff", 5L, 2L, "P2", "RMS", tx, "sdk-bad"));

        Path block = Files.writeString(files.resolve("block-1.csv"), "1,RED,COLOR\n2,BLUE,COLOR\n");
        BlockVo stored = calls.ok(
                RECEIVER,
                "uploadDataBlock",
                () -> changingRequest(
                        streamedBody("POST", block, "text/csv"),
                        () -> receiver.uploadDataBlock(
                                1, "Diff_Fnd", "Diff", 2, "RMS", tx, tm, "", contentDigest(block), null)));
        assertThat(stored.getSha256()).isEqualTo(HexFormat.of().formatHex(sha256(block)));
        assertThat(Files.readString(Path.of(stored.getDir(), stored.getFileName())))
                .isEqualTo(Files.readString(block));
        Path other = Files.writeString(files.resolve("block-2.csv"), "3,GREEN,COLOR\n");
        calls.fails(
                RECEIVER,
                "uploadDataBlock",
                422,
                () -> changingRequest(
                        streamedBody("POST", other, "text/csv"),
                        () -> receiver.uploadDataBlock(
                                2, "Diff_Fnd", "Diff", 1, "RMS", tx, tm, "", contentDigest(block), null)));

        var held = calls.ok(
                RECEIVER,
                "listTransmissionBlocks",
                () -> receiver.listTransmissionBlocks(tm, "Diff_Fnd", "Diff", "RMS"));
        assertThat(held.getBlocks()).extracting(BlockVo::getBlockNumber).containsExactly(1);
        calls.fails(
                RECEIVER,
                "listTransmissionBlocks",
                404,
                () -> receiver.listTransmissionBlocks("sdk-none", null, null, null));

        var ended =
                calls.ok(RECEIVER, "endTransmission", () -> receiver.endTransmission("Diff_Fnd", "Diff", 1, "RMS", tm));
        assertThat(ended.getReceiverTransmissionStatus()).isEqualTo("COMPLETED");
        calls.fails(
                RECEIVER,
                "endTransmission",
                404,
                () -> receiver.endTransmission("Diff_Fnd", "Diff", 1, "RMS", "sdk-none"));

        var done = calls.ok(RECEIVER, "endTransaction", () -> receiver.endTransaction("Diff_Fnd", "RMS", tx));
        assertThat(done.getReceiverTransactionStatus()).isEqualTo("COMPLETED");
        calls.fails(RECEIVER, "endTransaction", 404, () -> receiver.endTransaction("Diff_Fnd", "RMS", "Tx#sdk-none"));

        var state = calls.ok(RECEIVER, "getTransactionState", () -> receiver.getTransactionState(tx));
        assertThat(state.getTransmissions()).hasSize(1);
        calls.fails(RECEIVER, "getTransactionState", 404, () -> receiver.getTransactionState("Tx#sdk-none"));
    }

    // ------------------------------------------------------------------------------------------ batch admin

    @Test
    @Order(2)
    void batchAndDataServicesRunThePipelineJobs() throws Exception {
        sourceTableForTheExtractor();
        BatchServiceApi batch = new BatchServiceApi(calls.batch(admin));
        BatchServiceApi asMonitor = new BatchServiceApi(calls.batch(monitor));
        BatchServiceApi unknown = new BatchServiceApi(calls.batch(wrongPassword));
        DataServiceApi data = new DataServiceApi(calls.batch(admin));
        SystemSettingServiceApi settings = new SystemSettingServiceApi(calls.batch(admin));

        assertThat(calls.ok(BATCH, "getJobs", batch::getJobs).getJobVo())
                .anyMatch(job -> EXTRACTOR.equals(job.getJobName()));
        calls.fails(BATCH, "getJobs", 401, unknown::getJobs);
        assertThat(calls.ok(BATCH, "getJobXmlFiles", batch::getJobXmlFiles).getJobXmlFileVo())
                .isNotEmpty();
        calls.fails(BATCH, "getJobXmlFiles", 401, unknown::getJobXmlFiles);

        long extraction = calls.ok(BATCH, "startJob", () -> batch.startJob(EXTRACTOR, "partitions=1,itemCount=10"))
                .getExecutionId();
        calls.fails(BATCH, "startJob", 404, () -> batch.startJob("No_Such_Job", null));
        JobExecutionVo completed = awaitStatus(batch, extraction, "COMPLETED");
        long instance = completed.getJobInstanceId();

        assertThat(calls.ok(BATCH, "getJobExecution", () -> batch.getJobExecution(extraction))
                        .getExecutionStatus())
                .isEqualTo("COMPLETED");
        calls.fails(BATCH, "getJobExecution", 404, () -> batch.getJobExecution(NO_SUCH_ID));
        var steps = calls.ok(BATCH, "getJobExecutionSteps", () -> batch.getJobExecutionSteps(extraction));
        long step = steps.getStepExecutionVo().get(0).getStepExecutionId();
        calls.fails(BATCH, "getJobExecutionSteps", 404, () -> batch.getJobExecutionSteps(NO_SUCH_ID));
        assertThat(calls.ok(BATCH, "getStepExecution", () -> batch.getStepExecution(extraction, step))
                        .getStepExecutionId())
                .isEqualTo(step);
        calls.fails(BATCH, "getStepExecution", 404, () -> batch.getStepExecution(extraction, NO_SUCH_ID));

        assertThat(calls.ok(
                                BATCH,
                                "getJobInstances",
                                () -> batch.getJobInstances(EXTRACTOR, null, null, null, null, null, null))
                        .getJobInstanceVo())
                .anyMatch(one -> one.getJobInstanceId() == instance);
        calls.fails(
                BATCH,
                "getJobInstances",
                404,
                () -> batch.getJobInstances("No_Such_Job", null, null, null, null, null, null));
        assertThat(calls.ok(
                                BATCH,
                                "getJobExecutions",
                                () -> batch.getJobExecutions(EXTRACTOR, null, null, null, null, null, null))
                        .getJobExecutionVo())
                .anyMatch(one -> one.getExecutionId() == extraction);
        calls.fails(
                BATCH,
                "getJobExecutions",
                400,
                () -> batch.getJobExecutions(EXTRACTOR, null, null, null, 0, null, null));
        var ofInstance = calls.ok(
                BATCH,
                "getJobInstanceExecutions",
                () -> batch.getJobInstanceExecutions(instance, EXTRACTOR, null, null, null, 1, null, null));
        assertThat(ofInstance.getHasMore()).isFalse();
        assertThat(ofInstance.getJobInstanceExecutionVo()).hasSize(1);
        calls.fails(
                BATCH,
                "getJobInstanceExecutions",
                404,
                () -> batch.getJobInstanceExecutions(NO_SUCH_ID, EXTRACTOR, null, null, null, null, null, null));
        assertThat(calls.ok(
                                BATCH,
                                "getJobInstanceAndExecution",
                                () -> batch.getJobInstanceAndExecution(extraction, EXTRACTOR))
                        .getJobInstanceId())
                .isEqualTo(instance);
        calls.fails(
                BATCH,
                "getJobInstanceAndExecution",
                404,
                () -> batch.getJobInstanceAndExecution(NO_SUCH_ID, EXTRACTOR));
        assertThat(calls.ok(BATCH, "getExecutions", () -> batch.getExecutions(null, null, null, null, null, null))
                        .getJobExecutionVo())
                .isNotEmpty();
        calls.fails(BATCH, "getExecutions", 400, () -> batch.getExecutions(null, null, null, 0, null, null));
        calls.ok(BATCH, "getRunningExecutions", () -> batch.getRunningExecutions(null, null, null, null, null, null));
        calls.fails(
                BATCH,
                "getRunningExecutions",
                400,
                () -> batch.getRunningExecutions(null, null, null, null, "COMPLETED", null));

        // The Data Service: the extractor's data set, pending for the transporter.
        assertThat(calls.ok(BATCH, "getDataSetByExecution", () -> data.getDataSetByExecution(extraction, EXTRACTOR))
                        .getInterfaceModule())
                .isEqualTo("Diff_Fnd");
        calls.fails(BATCH, "getDataSetByExecution", 404, () -> data.getDataSetByExecution(NO_SUCH_ID, EXTRACTOR));
        calls.ok(BATCH, "getDataSetByInstance", () -> data.getDataSetByInstance(instance, EXTRACTOR));
        calls.fails(BATCH, "getDataSetByInstance", 404, () -> data.getDataSetByInstance(NO_SUCH_ID, EXTRACTOR));
        calls.ok(BATCH, "getNextPendingDataSet", () -> data.getNextPendingDataSet(TRANSPORTER));
        calls.fails(BATCH, "getNextPendingDataSet", 400, () -> data.getNextPendingDataSet("Not_A_Pipeline_Job"));
        calls.ok(BATCH, "getNextPendingDataSetAsPrinted", () -> data.getNextPendingDataSetAsPrinted(TRANSPORTER));
        calls.fails(
                BATCH,
                "getNextPendingDataSetAsPrinted",
                400,
                () -> data.getNextPendingDataSetAsPrinted("Not_A_Pipeline_Job"));

        // A transporter sending to a destination where nothing listens fails; restart, stop and abandon it.
        calls.ok(
                BATCH,
                "putDestination",
                () -> settings.putDestination(
                        "sdk-nowhere",
                        new DestinationChange()
                                .url("http://127.0.0.1:1/")
                                .username(admin.username())
                                .password(admin.password())));
        long transport = batch.startJob(TRANSPORTER, "destination=sdk-nowhere").getExecutionId();
        awaitStatus(batch, transport, "FAILED");
        long restarted = stopAfterRestart(batch, transport);
        calls.fails(BATCH, "restartJobExecution", 409, () -> batch.restartJobExecution(extraction, null));
        calls.fails(BATCH, "stopJobExecution", 409, () -> batch.stopJobExecution(extraction));
        awaitStatus(batch, restarted, "STOPPED");
        calls.ok(BATCH, "abandonJobExecution", () -> batch.abandonJobExecution(transport));
        calls.fails(BATCH, "abandonJobExecution", 409, () -> batch.abandonJobExecution(transport));
        calls.ok(BATCH, "stopAllJobExecutions", batch::stopAllJobExecutions);
        calls.fails(BATCH, "stopAllJobExecutions", 403, asMonitor::stopAllJobExecutions);

        // The failed send left its data set FAILED with the cause; an administrator retries it, and skips it when
        // it fails again.
        JobExecutionVo failedSend = batch.getJobExecution(transport);
        assertThat(failedSend.getExitMessage()).isNotBlank();
        long dataSet = failedSend.getDataSet().getDataSetId();
        DataServiceApi dataAsMonitor = new DataServiceApi(calls.batch(monitor));
        assertThat(calls.ok(BATCH, "getDataSetState", () -> data.getDataSetState(dataSet, "downloader"))
                        .getState())
                .isEqualTo("FAILED");
        calls.fails(BATCH, "getDataSetState", 404, () -> data.getDataSetState(NO_SUCH_ID, "downloader"));
        assertThat(calls.ok(BATCH, "retryDataSet", () -> data.retryDataSet(dataSet, "downloader"))
                        .getState())
                .isEqualTo("PENDING");
        calls.fails(BATCH, "retryDataSet", 403, () -> dataAsMonitor.retryDataSet(dataSet, "downloader"));
        calls.fails(
                BATCH,
                "skipDataSet",
                409,
                () -> data.skipDataSet(dataSet, "downloader", new DataSetSkip().reason("not failed now")));
        long again = batch.startJob(TRANSPORTER, "destination=sdk-nowhere").getExecutionId();
        awaitStatus(batch, again, "FAILED");
        assertThat(calls.ok(
                                BATCH,
                                "skipDataSet",
                                () -> data.skipDataSet(dataSet, "downloader", new DataSetSkip().reason("no receiver")))
                        .getState())
                .isEqualTo("SKIPPED");
        withoutThePipeline();
    }

    /** Restarts the failed execution and stops the restart while it still tries to reach the closed port. */
    private long stopAfterRestart(BatchServiceApi batch, long failed) throws Exception {
        long last = failed;
        for (int attempt = 1; ; attempt++) {
            long from = last;
            long restarted = calls.ok(BATCH, "restartJobExecution", () -> batch.restartJobExecution(from, null))
                    .getExecutionId();
            try {
                calls.ok(BATCH, "stopJobExecution", () -> batch.stopJobExecution(restarted));
                return restarted;
            } catch (Exception alreadyFailed) {
                // The restart ended before the stop reached it (409 stop-not-running): restart it once more.
                if (attempt == 5) {
                    throw alreadyFailed;
                }
                awaitStatus(batch, restarted, "FAILED");
                last = restarted;
            }
        }
    }

    @Test
    @Order(3)
    void systemSettingsUsersOptionsCredentialsAndDestinations() throws Exception {
        SystemSettingServiceApi settings = new SystemSettingServiceApi(calls.batch(admin));
        SystemSettingServiceApi asMonitor = new SystemSettingServiceApi(calls.batch(monitor));
        SystemSettingServiceApi unknown = new SystemSettingServiceApi(calls.batch(wrongPassword));

        calls.ok(
                BATCH,
                "putCredential",
                () -> settings.putCredential(
                        "sdk-cred", new CredentialChange().username("u").password("p")));
        calls.fails(BATCH, "putCredential", 400, () -> settings.putCredential("sdk-cred", new CredentialChange()));
        assertThat(calls.ok(BATCH, "getCredentials", settings::getCredentials).toString())
                .contains("sdk-cred")
                .doesNotContain("password: p");
        calls.fails(BATCH, "getCredentials", 401, unknown::getCredentials);
        calls.ok(BATCH, "getCredential", () -> settings.getCredential("sdk-cred"));
        calls.fails(BATCH, "getCredential", 404, () -> settings.getCredential("sdk-none"));
        calls.ok(BATCH, "deleteCredential", () -> {
            settings.deleteCredential("sdk-cred");
            return null;
        });
        calls.fails(BATCH, "deleteCredential", 404, () -> {
            settings.deleteCredential("sdk-cred");
            return null;
        });

        calls.fails(
                BATCH,
                "putDestination",
                400,
                () -> settings.putDestination(
                        "sdk-bad",
                        new DestinationChange()
                                .url("ftp://nowhere/")
                                .username("u")
                                .password("p")));
        calls.ok(BATCH, "getDestinations", settings::getDestinations);
        calls.fails(BATCH, "getDestinations", 401, unknown::getDestinations);
        calls.ok(BATCH, "getDestination", () -> settings.getDestination("sdk-nowhere"));
        calls.fails(BATCH, "getDestination", 404, () -> settings.getDestination("sdk-none"));
        calls.ok(BATCH, "deleteDestination", () -> {
            settings.deleteDestination("sdk-nowhere");
            return null;
        });
        calls.fails(BATCH, "deleteDestination", 404, () -> {
            settings.deleteDestination("sdk-nowhere");
            return null;
        });

        Path folder = Files.createDirectories(files.resolve("receiver-diff"));
        calls.ok(
                BATCH,
                "changeReceiverOption",
                () -> settings.changeReceiverOption(
                        "Diff_Fnd",
                        "Diff",
                        new ReceiverOptionChange()
                                .baseFolder(folder.toString())
                                .mergeStrategy(MergeStrategy.MERGE_TO_PARTITION_LEVEL)));
        calls.fails(
                BATCH,
                "changeReceiverOption",
                403,
                () -> asMonitor.changeReceiverOption(
                        "Diff_Fnd", "Diff", new ReceiverOptionChange().mergeStrategy(MergeStrategy.NO_MERGE)));
        calls.ok(BATCH, "getReceiverOptions", settings::getReceiverOptions);
        calls.fails(BATCH, "getReceiverOptions", 401, unknown::getReceiverOptions);
        assertThat(calls.ok(BATCH, "getReceiverOption", () -> settings.getReceiverOption("Diff_Fnd", "Diff"))
                        .getMergeStrategy())
                .isEqualTo(MergeStrategy.MERGE_TO_PARTITION_LEVEL);
        calls.fails(BATCH, "getReceiverOption", 404, () -> settings.getReceiverOption("No_Such", "None"));

        calls.ok(BATCH, "getSystemOptions", settings::getSystemOptions);
        calls.fails(BATCH, "getSystemOptions", 401, unknown::getSystemOptions);
        calls.ok(BATCH, "getSystemOption", () -> settings.getSystemOption("receiverMaxNumBlocks"));
        calls.fails(BATCH, "getSystemOption", 404, () -> settings.getSystemOption("noSuchOption"));
        calls.ok(
                BATCH,
                "changeSystemOption",
                () -> settings.changeSystemOption("LOADSEEDDATA", new SystemOptionChange().value("FALSE")));
        calls.fails(
                BATCH,
                "changeSystemOption",
                404,
                () -> settings.changeSystemOption("noSuchOption", new SystemOptionChange().value("1")));

        String user = "sdk-temporary";
        calls.ok(
                BATCH,
                "createUser",
                () -> settings.createUser(new NewUser()
                        .username(user)
                        .password("sdk-temporary-password-1")
                        .roles(Set.of("bdi-monitor"))));
        calls.fails(
                BATCH,
                "createUser",
                409,
                () -> settings.createUser(new NewUser()
                        .username(user)
                        .password("sdk-temporary-password-1")
                        .roles(Set.of("bdi-monitor"))));
        List<UserView> users = calls.ok(BATCH, "listUsers", settings::listUsers);
        assertThat(users).anyMatch(one -> user.equals(one.getUsername()));
        calls.fails(BATCH, "listUsers", 401, unknown::listUsers);
        calls.ok(BATCH, "getUser", () -> settings.getUser(user));
        calls.fails(BATCH, "getUser", 404, () -> settings.getUser("sdk-nobody"));
        calls.ok(BATCH, "changeUserPassword", () -> {
            settings.changeUserPassword(user, new PasswordChange().password("sdk-temporary-password-2"));
            return null;
        });
        calls.fails(BATCH, "changeUserPassword", 404, () -> {
            settings.changeUserPassword("sdk-nobody", new PasswordChange().password("sdk-temporary-password-2"));
            return null;
        });
        assertThat(calls.ok(
                                BATCH,
                                "changeUserRoles",
                                () -> settings.changeUserRoles(user, new RoleChange().roles(Set.of("bdi-operator"))))
                        .getRoles())
                .containsExactly("bdi-operator");
        calls.fails(
                BATCH,
                "changeUserRoles",
                404,
                () -> settings.changeUserRoles("sdk-nobody", new RoleChange().roles(Set.of("bdi-operator"))));
        calls.ok(BATCH, "deleteUser", () -> {
            settings.deleteUser(user);
            return null;
        });
        calls.fails(BATCH, "deleteUser", 404, () -> {
            settings.deleteUser(user);
            return null;
        });
    }

    @Test
    @Order(3)
    void notificationRulesHistoryAndFreshness() throws Exception {
        SystemSettingServiceApi settings = new SystemSettingServiceApi(calls.batch(admin));
        SystemSettingServiceApi asMonitor = new SystemSettingServiceApi(calls.batch(monitor));
        SystemSettingServiceApi unknown = new SystemSettingServiceApi(calls.batch(wrongPassword));

        assertThat(calls.ok(
                                BATCH,
                                "putNotificationRule",
                                () -> settings.putNotificationRule(
                                        "sdk-rule",
                                        new NotificationRuleChange()
                                                .eventKinds(List.of("JOB_EXECUTION_FAILED"))
                                                .emailRecipients(List.of("ops@sdk.example.org"))
                                                .maxPerHour(5)))
                        .getEventKinds())
                .containsExactly("JOB_EXECUTION_FAILED");
        calls.fails(
                BATCH,
                "putNotificationRule",
                403,
                () -> asMonitor.putNotificationRule(
                        "sdk-rule", new NotificationRuleChange().eventKinds(List.of("JOB_EXECUTION_FAILED"))));
        assertThat(calls.ok(BATCH, "getNotificationRules", settings::getNotificationRules)
                        .toString())
                .contains("sdk-rule");
        calls.fails(BATCH, "getNotificationRules", 401, unknown::getNotificationRules);
        calls.ok(BATCH, "getNotificationRule", () -> settings.getNotificationRule("sdk-rule"));
        calls.fails(BATCH, "getNotificationRule", 404, () -> settings.getNotificationRule("sdk-no-rule"));
        calls.ok(BATCH, "getNotificationHistory", () -> settings.getNotificationHistory(null, "sdk-rule", 20, null));
        calls.fails(BATCH, "getNotificationHistory", 401, () -> unknown.getNotificationHistory(null, null, null, null));
        calls.ok(BATCH, "deleteNotificationRule", () -> {
            settings.deleteNotificationRule("sdk-rule");
            return null;
        });
        calls.fails(BATCH, "deleteNotificationRule", 404, () -> {
            settings.deleteNotificationRule("sdk-rule");
            return null;
        });

        calls.ok(
                BATCH,
                "putFreshnessRule",
                () -> settings.putFreshnessRule("JOB", "sdk-job", new FreshnessRuleChange().maxAgeHours(24)));
        calls.fails(
                BATCH,
                "putFreshnessRule",
                400,
                () -> settings.putFreshnessRule("NOT_A_KIND", "sdk-job", new FreshnessRuleChange().maxAgeHours(24)));
        assertThat(calls.ok(BATCH, "getFreshness", settings::getFreshness).toString())
                .contains("sdk-job");
        calls.fails(BATCH, "getFreshness", 401, unknown::getFreshness);
        calls.ok(BATCH, "deleteFreshnessRule", () -> {
            settings.deleteFreshnessRule("JOB", "sdk-job");
            return null;
        });
        calls.fails(BATCH, "deleteFreshnessRule", 401, () -> {
            unknown.deleteFreshnessRule("JOB", "sdk-job");
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------ exporter

    @Test
    @Order(4)
    void exporterCatalogSchedulesRunsAndAFailedRunRetried() throws Exception {
        CatalogApi catalog = new CatalogApi(calls.exporter(admin));
        ExportSchedulesApi schedules = new ExportSchedulesApi(calls.exporter(admin));
        RunsAndErrorsApi runs = new RunsAndErrorsApi(calls.exporter(admin));
        CatalogApi unknownCatalog = new CatalogApi(calls.exporter(wrongPassword));
        RunsAndErrorsApi unknownRuns = new RunsAndErrorsApi(calls.exporter(wrongPassword));

        assertThat(calls.ok(EXPORTER, "constants", catalog::constants).getOperations())
                .isNotEmpty();
        calls.fails(EXPORTER, "constants", 401, unknownCatalog::constants);
        List<DataSourceVo> sources = calls.ok(EXPORTER, "listDataSources", catalog::listDataSources);
        assertThat(sources).anyMatch(source -> "sampleAppointments".equals(source.getName()));
        calls.fails(EXPORTER, "listDataSources", 401, unknownCatalog::listDataSources);
        SftpDetailsRequest sftp = new SftpDetailsRequest()
                .key("sdk-sftp")
                .host("127.0.0.1")
                .port(1)
                .username("sdk")
                .password("sdk-sftp-password")
                .remoteDirectory("/upload")
                .hostKeyFingerprint("SHA256:" + "A".repeat(43));
        calls.ok(EXPORTER, "storeSftpDetails", () -> catalog.storeSftpDetails(sftp));
        calls.fails(EXPORTER, "storeSftpDetails", 409, () -> catalog.storeSftpDetails(sftp));
        assertThat(calls.ok(EXPORTER, "listSftpDetails", catalog::listSftpDetails)
                        .toString())
                .contains("sdk-sftp")
                .doesNotContain("sdk-sftp-password");
        calls.fails(EXPORTER, "listSftpDetails", 401, unknownCatalog::listSftpDetails);
        SqlDataSourceRequest sql =
                new SqlDataSourceRequest().name("sdkOne").description("One row").sql("SELECT 1 AS one");
        calls.ok(EXPORTER, "registerSqlDataSource", () -> catalog.registerSqlDataSource(sql));
        calls.fails(EXPORTER, "registerSqlDataSource", 409, () -> catalog.registerSqlDataSource(sql));
        // The data source's own parameters: the generator cannot send a free-form object exploded, so they are
        // added to the query by the request interceptor (docs/openapi/README.md).
        var preview = calls.ok(
                EXPORTER,
                "previewDataSource",
                () -> changingRequest(
                        addedQuery("status=BOOKED"), () -> catalog.previewDataSource("sampleAppointments", 5, null)));
        assertThat(preview.getHeaderRow()).isNotEmpty();
        calls.fails(EXPORTER, "previewDataSource", 404, () -> catalog.previewDataSource("noSuchSource", 5, null));

        ScheduleRequest toTheReceiver = schedule("SDK: to the receiver");
        String key = calls.ok(EXPORTER, "createSchedule", () -> schedules.createSchedule(toTheReceiver))
                .getBusinessKey();
        calls.fails(EXPORTER, "createSchedule", 400, () -> schedules.createSchedule(new ScheduleRequest()));
        String noSuchKey = UUID.randomUUID().toString();
        calls.ok(EXPORTER, "getSchedule", () -> schedules.getSchedule(key));
        calls.fails(EXPORTER, "getSchedule", 404, () -> schedules.getSchedule(noSuchKey));
        calls.ok(EXPORTER, "listSchedules", () -> schedules.listSchedules(0, 20));
        calls.fails(EXPORTER, "listSchedules", 400, () -> schedules.listSchedules(0, 0));

        // The receiver user the exporter sends as does not exist yet: the run fails (422) and is recorded.
        calls.fails(EXPORTER, "runSchedule", 422, () -> schedules.runSchedule(key));
        var audit = calls.ok(EXPORTER, "auditHistory", () -> schedules.auditHistory(key, 0, 20));
        Map<String, Object> failedRun = audit.getItems().get(0).getEvent();
        assertThat(failedRun).containsEntry("outcome", "FAILED");
        assertThat(failedRun.get("dataSource")).isEqualTo("goss.DataExporter.dataSources.sampleAppointments");
        assertThat((String) failedRun.get("timestamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        long failedRunId = ((Number) failedRun.get("runId")).longValue();
        calls.fails(EXPORTER, "auditHistory", 404, () -> schedules.auditHistory(noSuchKey, 0, 20));
        new SystemSettingServiceApi(calls.batch(admin))
                .createUser(new NewUser()
                        .username(SuiteUnderTest.EXPORTER_SENDER.username())
                        .password(SuiteUnderTest.EXPORTER_SENDER.password())
                        .roles(Set.of("bdi-operator")));
        RunVo retried = calls.ok(EXPORTER, "retryRun", () -> runs.retryRun(failedRunId));
        assertThat(retried.getOutcome()).isEqualTo("SUCCEEDED");
        calls.fails(EXPORTER, "retryRun", 409, () -> runs.retryRun(failedRunId));

        RunVo run = calls.ok(EXPORTER, "runSchedule", () -> schedules.runSchedule(key));
        assertThat(run.getOutcome()).isEqualTo("SUCCEEDED");
        var written = run.getFiles().get(0);
        File downloaded =
                calls.ok(EXPORTER, "downloadRunFile", () -> runs.downloadRunFile(written.getName(), run.getRunId()));
        assertThat(Files.size(downloaded.toPath())).isEqualTo(written.getBytes());
        assertThat(HexFormat.of().formatHex(sha256(downloaded.toPath()))).isEqualTo(written.getSha256());
        calls.fails(EXPORTER, "downloadRunFile", 404, () -> runs.downloadRunFile("other.csv", run.getRunId()));
        calls.ok(EXPORTER, "startExportMessage", () -> schedules.startExportMessage(key));
        calls.fails(EXPORTER, "startExportMessage", 404, () -> schedules.startExportMessage(noSuchKey));

        calls.ok(EXPORTER, "editSchedule", () -> schedules.editSchedule(key, schedule("SDK: edited")));
        calls.fails(EXPORTER, "editSchedule", 404, () -> schedules.editSchedule(noSuchKey, schedule("SDK")));
        calls.ok(EXPORTER, "editExportMessage", () -> schedules.editExportMessage(key, schedule("SDK: message")));
        calls.fails(EXPORTER, "editExportMessage", 404, () -> schedules.editExportMessage(noSuchKey, schedule("SDK")));
        assertThat(calls.ok(EXPORTER, "configHistory", () -> schedules.configHistory(key, 0, 20))
                        .getTotal())
                .isEqualTo(3);
        calls.fails(EXPORTER, "configHistory", 404, () -> schedules.configHistory(noSuchKey, 0, 20));

        calls.ok(EXPORTER, "processSchedules", runs::processSchedules);
        calls.fails(EXPORTER, "processSchedules", 401, unknownRuns::processSchedules);
        calls.ok(EXPORTER, "errors", () -> runs.errors(0, 20));
        calls.fails(EXPORTER, "errors", 400, () -> runs.errors(0, 0));

        String second = schedules.createSchedule(schedule("SDK: cancelled")).getBusinessKey();
        calls.ok(EXPORTER, "cancelSchedule", () -> schedules.cancelSchedule(second));
        calls.fails(EXPORTER, "cancelSchedule", 404, () -> schedules.cancelSchedule(noSuchKey));
        String third =
                schedules.createSchedule(schedule("SDK: cancelled by message")).getBusinessKey();
        calls.ok(EXPORTER, "cancelExportMessage", () -> schedules.cancelExportMessage(third));
        calls.fails(EXPORTER, "cancelExportMessage", 404, () -> schedules.cancelExportMessage(noSuchKey));
    }

    private static ScheduleRequest schedule(String description) {
        return new ScheduleRequest()
                .description(description)
                .dataSource("sampleAppointments")
                .fileType("CSV")
                .operations(List.of("RECEIVER"))
                .frequency(new FrequencyRequest().type("daily"))
                .dateFormat("ISO_DATE")
                .timezone("UTC")
                .parameters(Map.of())
                .split(false);
    }

    /** The retention purge of each service: a dry run (it deletes nothing the other tests use) and a refused caller. */
    @Test
    @Order(6)
    void retentionPurgeOfEveryServiceAsADryRun() throws Exception {
        ReceiverServiceApi receiver = new ReceiverServiceApi(calls.receiver(admin));
        ReceiverServiceApi receiverOperator = new ReceiverServiceApi(calls.receiver(suite.roleUser("bdi-operator")));
        var receiverReport = calls.ok(RECEIVER, "purgeReceiverData", () -> receiver.purgeReceiverData(true, null));
        assertThat(receiverReport.getDryRun()).isTrue();
        assertThat(receiverReport.getKinds()).extracting(kind -> kind.getKind()).containsExactly("RECEIVER_DATA");
        calls.fails(RECEIVER, "purgeReceiverData", 403, () -> receiverOperator.purgeReceiverData(true, null));

        SystemSettingServiceApi settings = new SystemSettingServiceApi(calls.batch(admin));
        SystemSettingServiceApi settingsMonitor = new SystemSettingServiceApi(calls.batch(monitor));
        var batchReport = calls.ok(BATCH, "purgeBatchAdminData", () -> settings.purgeBatchAdminData(true, null));
        assertThat(batchReport.getKinds())
                .extracting(kind -> kind.getKind())
                .containsExactly("JOB_HISTORY", "NOTIFICATION_HISTORY");
        calls.fails(BATCH, "purgeBatchAdminData", 403, () -> settingsMonitor.purgeBatchAdminData(true, null));

        RunsAndErrorsApi runs = new RunsAndErrorsApi(calls.exporter(admin));
        RunsAndErrorsApi runsMonitor = new RunsAndErrorsApi(calls.exporter(monitor));
        var exporterReport = calls.ok(EXPORTER, "purgeExporterData", () -> runs.purgeExporterData(true, null));
        assertThat(exporterReport.getKinds())
                .extracting(kind -> kind.getKind())
                .containsExactly("AUDIT_HISTORY", "EXPORT_RUN_FILES", "FILE_JOB_FILES");
        calls.fails(EXPORTER, "purgeExporterData", 403, () -> runsMonitor.purgeExporterData(true, null));
    }

    @Test
    @Order(5)
    void genesysServicesStreamWithTimeRangeAndFiltersThroughTheGeneratedClient() throws Exception {
        ServicesStreamApi services = new ServicesStreamApi(calls.exporter(admin));
        OffsetDateTime from = OffsetDateTime.parse("2077-03-01T00:00:00Z");
        OffsetDateTime to = OffsetDateTime.parse("2077-03-01T23:59:59Z");

        long started = calls.ok(
                        EXPORTER,
                        "startService",
                        () -> services.startService(new ServiceRequest()
                                .type("callback")
                                .customerId("sdk-customer-1")
                                .content(Map.of("topic", "sdk"))
                                .startTime("2077-03-01T10:00:00Z")))
                .getId();
        calls.fails(EXPORTER, "startService", 400, () -> services.startService(new ServiceRequest()));
        assertThat(calls.ok(EXPORTER, "getService", () -> services.getService(started))
                        .getCustomerId())
                .isEqualTo("sdk-customer-1");
        calls.fails(EXPORTER, "getService", 404, () -> services.getService(NO_SUCH_ID));
        calls.ok(EXPORTER, "endService", () -> services.endService(started, "{\"endTime\":\"2077-03-01T11:00:00Z\"}"));
        calls.fails(EXPORTER, "endService", 404, () -> services.endService(NO_SUCH_ID, ""));

        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lines.add("{\"type\":\"callback\",\"customerId\":\"sdk-bulk-" + i + "\",\"startTime\":\"2077-03-01T12:00:0"
                    + i + "Z\"}");
        }
        Path bulk = Files.write(files.resolve("services.ndjson"), lines);
        assertThat(calls.ok(
                                EXPORTER,
                                "ingestServicesBulk",
                                () -> changingRequest(
                                        streamedBody("POST", bulk, "application/x-ndjson"),
                                        () -> services.ingestServicesBulk(bulk.toFile())))
                        .toString())
                .contains("3");
        Path bad = Files.writeString(files.resolve("bad.ndjson"), "not json\n");
        calls.fails(
                EXPORTER,
                "ingestServicesBulk",
                400,
                () -> changingRequest(
                        streamedBody("POST", bad, "application/x-ndjson"),
                        () -> services.ingestServicesBulk(bad.toFile())));

        // The Genesys export: the time range and both filters as typed parameters of the generated client.
        File all = calls.ok(
                EXPORTER,
                "exportServicesStream",
                () -> services.exportServicesStream(from, to, null, false, "started", "any", null));
        assertThat(ids(all)).hasSize(4).contains(started);
        File completed = services.exportServicesStream(from, to, null, true, "completed", "inactive", null);
        JsonNode onlyEnded = JSON.readTree(completed);
        assertThat(onlyEnded).hasSize(1);
        assertThat(onlyEnded.get(0).path("customerId").asText()).isEqualTo("sdk-customer-1");
        assertThat(ids(services.exportServicesStream(from, to, null, false, "any", "active", null)))
                .hasSize(3)
                .doesNotContain(started);
        calls.fails(
                EXPORTER,
                "exportServicesStream",
                400,
                () -> services.exportServicesStream(to, from, null, false, "any", "any", null));

        FileJobVo job = calls.ok(
                EXPORTER,
                "createServicesFileExport",
                () -> services.createServicesFileExport("CSV", from, to, "any", "any"));
        calls.fails(
                EXPORTER,
                "createServicesFileExport",
                400,
                () -> services.createServicesFileExport("XML", from, to, "any", "any"));
        FileJobVo finished = awaitFileJob(services, job.getJobId());
        calls.fails(EXPORTER, "getServicesFileExport", 404, () -> services.getServicesFileExport("no-such-job"));
        var part = finished.getFiles().stream()
                .filter(file -> file.getName().endsWith(".csv"))
                .findFirst()
                .orElseThrow();
        File csv = calls.ok(
                EXPORTER,
                "downloadServicesFile",
                () -> services.downloadServicesFile(job.getJobId(), part.getName(), null));
        assertThat(Files.size(csv.toPath())).isEqualTo(part.getBytes());
        File firstBytes = services.downloadServicesFile(job.getJobId(), part.getName(), "bytes=0-9");
        assertThat(Files.readAllBytes(firstBytes.toPath()))
                .isEqualTo(java.util.Arrays.copyOf(Files.readAllBytes(csv.toPath()), 10));
        calls.fails(
                EXPORTER,
                "downloadServicesFile",
                404,
                () -> services.downloadServicesFile(job.getJobId(), "no-such-file.csv", null));
    }

    private FileJobVo awaitFileJob(ServicesStreamApi services, String jobId) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            FileJobVo job = calls.ok(EXPORTER, "getServicesFileExport", () -> services.getServicesFileExport(jobId));
            if ("SUCCEEDED".equals(job.getState())) {
                return job;
            }
            assertThat(job.getState()).as("file job %s", jobId).isIn("QUEUED", "RUNNING");
            assertThat(System.nanoTime())
                    .as("file job %s still %s", jobId, job.getState())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<Long> ids(File stream) throws Exception {
        List<Long> ids = new ArrayList<>();
        JSON.readTree(stream).forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private JobExecutionVo awaitStatus(BatchServiceApi batch, long executionId, String status) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            JobExecutionVo execution = batch.getJobExecution(executionId);
            String now = execution.getExecutionStatus();
            if (status.equals(now)) {
                return execution;
            }
            if (System.nanoTime() > deadline || (!now.startsWith("START") && !now.equals("STOPPING"))) {
                throw new AssertionError("Execution " + executionId + " is " + now + " (" + execution.getExitStatus()
                        + "), expected " + status);
            }
            Thread.sleep(100);
        }
    }

    /** The extractor's source (a table no API makes) and its pipeline row, for the Diff_Fnd / Diff interface. */
    private void sourceTableForTheExtractor() throws Exception {
        try (Connection connection = suite.database().connect();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE sdk_diff_source (id INT PRIMARY KEY, name TEXT)");
            sql.execute("INSERT INTO sdk_diff_source SELECT g, 'item ' || g FROM generate_series(1, 20) g");
            sql.execute("INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                    + " inbound_table) VALUES ('Diff_Fnd', 'Diff', 'SELECT id, name FROM sdk_diff_source ORDER BY id',"
                    + " 'sdk_diff_source')");
        }
    }

    /** Leaves the fuzz that may run after this test the suite it had before (no pipeline configured). */
    private void withoutThePipeline() throws Exception {
        try (Connection connection = suite.database().connect();
                Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM bdi_interface_pipeline WHERE interface_module = 'Diff_Fnd'");
        }
    }

    private static String contentDigest(Path file) throws Exception {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(file)) + ":";
    }

    private static byte[] sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return digest.digest();
    }
}

package org.bdisuite.exporter.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.generator.GeneratedFile;
import org.bdisuite.model.DataSetType;
import org.bdisuite.runtime.receiverclient.ReceiverClient;
import org.bdisuite.runtime.receiverclient.ReceiverEndpoint;

/**
 * RECEIVER: sends a run's files through the BDI receiver protocol with the suite's shared ReceiverClient (over the
 * client generated from the receiver's contract): one transaction per run (id {@code exporter-run-<runId>}, so a
 * retried run continues the same transaction, and every call is idempotent on the receiver), one transmission per
 * file, blocks cut at line ends (one block, at most about {@code suite.exporter.receiver.block-bytes}, is read into
 * memory to be sent), then end.
 */
@ApplicationScoped
public class ReceiverDelivery implements Delivery {

    private final ExporterConfig config;
    private final ObjectMapper json;
    private final OpenTelemetry openTelemetry;

    public ReceiverDelivery(ExporterConfig config, ObjectMapper json, OpenTelemetry openTelemetry) {
        this.config = config;
        this.json = json;
        this.openTelemetry = openTelemetry;
    }

    @Override
    public ExportOperation operation() {
        return ExportOperation.RECEIVER;
    }

    /** Whether a receiver is configured (a schedule may only name RECEIVER then). */
    public boolean configured() {
        return config.receiver().url().isPresent();
    }

    @Override
    public String deliver(DeliveryRun run, long rows, List<GeneratedFile> files) {
        ExporterConfig.Receiver receiver = config.receiver();
        if (receiver.url().isEmpty()) {
            throw new DeliveryException("no receiver is configured (suite.exporter.receiver.url)");
        }
        ReceiverClient client = new ReceiverClient(
                ReceiverEndpoint.of(
                        receiver.url().get(),
                        receiver.user().orElse(""),
                        receiver.password().orElse("")),
                json,
                openTelemetry);
        String transactionId = "exporter-run-" + run.runId();
        String module = receiver.interfaceModule();
        String source = receiver.sourceSystemName();
        try {
            client.beginTransaction(new ReceiverClient.Transaction(
                    transactionId, module, source, run.businessKey(), run.runId(), DataSetType.FULL, run.startedAt()));
            for (int i = 0; i < files.size(); i++) {
                send(client, transactionId, i + 1, files.get(i));
            }
            client.endTransaction(transactionId, source, module);
            return "sent " + files.size() + " file(s) as transaction " + transactionId + " to " + module + "/"
                    + receiver.interfaceShortName();
        } catch (IOException e) {
            throw new DeliveryException("RECEIVER: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DeliveryException("RECEIVER: " + e.getMessage(), e);
        }
    }

    private void send(ReceiverClient client, String transactionId, int fileNumber, GeneratedFile file)
            throws IOException {
        ExporterConfig.Receiver receiver = config.receiver();
        List<FileBlocks.Block> blocks = FileBlocks.of(file.path(), receiver.blockBytes());
        long items = file.rows() == null ? 1 : Math.max(file.rows(), 1);
        ReceiverClient.Transmission transmission = new ReceiverClient.Transmission(
                transactionId,
                transactionId + "-f" + fileNumber,
                receiver.sourceSystemName(),
                receiver.interfaceModule(),
                receiver.interfaceShortName(),
                "p" + fileNumber,
                1,
                items,
                1);
        client.beginTransmission(transmission);
        for (int b = 0; b < blocks.size(); b++) {
            FileBlocks.Block block = blocks.get(b);
            byte[] bytes;
            try (InputStream in = FileBlocks.open(file.path(), block)) {
                bytes = in.readAllBytes();
            }
            client.uploadBlock(transmission, b + 1, block.lines(), bytes);
        }
        client.endTransmission(transmission, blocks.size());
    }
}

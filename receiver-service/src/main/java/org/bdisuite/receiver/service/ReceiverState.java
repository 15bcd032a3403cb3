package org.bdisuite.receiver.service;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.bdisuite.model.api.receiver.TransactionStateVo;
import org.bdisuite.model.api.receiver.TransmissionBlocksVo;
import org.bdisuite.receiver.persistence.HandOverRepository;
import org.bdisuite.receiver.persistence.ReceiverBlockRepository;
import org.bdisuite.receiver.persistence.ReceiverTransaction;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransmission;
import org.bdisuite.receiver.persistence.ReceiverTransmissionRepository;
import org.bdisuite.receiver.storage.PathSegments;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/** What the receiver holds of a transaction or transmission, so that a sender can resume after a crash. */
@ApplicationScoped
public class ReceiverState {

    private final ReceiverTransactionRepository transactions;
    private final ReceiverTransmissionRepository transmissions;
    private final ReceiverBlockRepository blocks;
    private final HandOverRepository handOver;

    public ReceiverState(
            ReceiverTransactionRepository transactions,
            ReceiverTransmissionRepository transmissions,
            ReceiverBlockRepository blocks,
            HandOverRepository handOver) {
        this.handOver = handOver;
        this.transactions = transactions;
        this.transmissions = transmissions;
        this.blocks = blocks;
    }

    @Transactional
    public TransactionStateVo transaction(String transactionId) {
        PathSegments.require("transactionId", transactionId);
        ReceiverTransaction transaction = transactions
                .findByTransactionId(transactionId)
                .orElseThrow(() -> new ResourceNotFoundException("No receiver transaction " + transactionId));
        List<TransactionStateVo.TransmissionStateVo> states = transmissions
                .list(
                        "transaction",
                        Sort.by("interfaceShortName")
                                .and("partitionBeginSequenceNumber")
                                .and("id"),
                        transaction)
                .stream()
                .map(t -> {
                    ReceiverBlockRepository.Received received = blocks.receivedIn(t);
                    return new TransactionStateVo.TransmissionStateVo(
                            TransmissionViews.of(t), received.count(), received.highest());
                })
                .toList();
        return new TransactionStateVo(
                TransactionViews.of(transaction),
                states,
                transaction.getStatusReason(),
                handOver.stateOf(transaction.getId()).orElse(null));
    }

    /**
     * The blocks of a transmission. Its id is unique per source system, module and interface; the three narrow it
     * down when the same id is used by several.
     */
    @Transactional
    public TransmissionBlocksVo blocks(
            String transmissionId, String sourceSystemName, String interfaceModule, String interfaceShortName) {
        PathSegments.require("transmissionId", transmissionId);
        StringBuilder query = new StringBuilder("transmissionId = :id");
        Parameters parameters = Parameters.with("id", transmissionId);
        narrow(query, parameters, "sourceSystemName", sourceSystemName);
        narrow(query, parameters, "interfaceModule", interfaceModule);
        narrow(query, parameters, "interfaceShortName", interfaceShortName);
        List<ReceiverTransmission> matches = transmissions.list(query.toString(), parameters);
        if (matches.isEmpty()) {
            throw new ResourceNotFoundException("No transmission " + transmissionId);
        }
        if (matches.size() > 1) {
            throw new InvalidRequestException(
                    "ambiguous-transmission",
                    "Transmission id " + transmissionId + " is used by " + matches.size()
                            + " interfaces: add sourceSystemName, interfaceModule and interfaceShortName");
        }
        ReceiverTransmission transmission = matches.get(0);
        return new TransmissionBlocksVo(
                TransmissionViews.of(transmission),
                blocks.list("transmission", Sort.by("blockNumber"), transmission).stream()
                        .map(ReceiverBlocks::view)
                        .toList());
    }

    private static void narrow(StringBuilder query, Parameters parameters, String field, String value) {
        if (value != null && !value.isEmpty()) {
            PathSegments.require(field, value);
            query.append(" and ").append(field).append(" = :").append(field);
            parameters.and(field, value);
        }
    }
}

package org.bdisuite.receiver.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.model.api.receiver.TransactionStateVo;
import org.bdisuite.receiver.persistence.ReceiverOptionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransaction;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository;
import org.bdisuite.receiver.persistence.TransactionStatus;

/**
 * What the console's Receiver page reads: the transactions in progress with each transmission's received blocks
 * (the same state a sender reads to resume), and the most recent completed and expired ones.
 */
@ApplicationScoped
public class TransactionConsole {

    private final ReceiverTransactionRepository transactions;
    private final ReceiverOptionRepository options;
    private final ReceiverState state;

    public TransactionConsole(
            ReceiverTransactionRepository transactions, ReceiverOptionRepository options, ReceiverState state) {
        this.transactions = transactions;
        this.options = options;
        this.state = state;
    }

    /** An interface's receiver options as the page shows them; the default base folder applies to the others. */
    public record InterfaceOptions(
            String interfaceModule,
            String interfaceShortName,
            String baseFolder,
            String mergeStrategy,
            OffsetDateTime updatedAt) {}

    /** The options the next transmission of each interface is stored with (BDI_RECEIVER_OPTIONS). */
    @Transactional
    public List<InterfaceOptions> receiverOptions() {
        return options.listSorted().stream()
                .map(option -> new InterfaceOptions(
                        option.getInterfaceModule(),
                        option.getInterfaceShortName(),
                        option.getBaseFolder(),
                        option.getMergeStrategy() == null
                                ? ""
                                : option.getMergeStrategy().name(),
                        option.getUpdatedAt()))
                .toList();
    }

    @Transactional
    public List<TransactionStateVo> inProgress(int max) {
        return latest(TransactionStatus.IN_PROGRESS, max);
    }

    @Transactional
    public List<TransactionStateVo> completed(int max) {
        return latest(TransactionStatus.COMPLETED, max);
    }

    @Transactional
    public List<TransactionStateVo> expired(int max) {
        return latest(TransactionStatus.EXPIRED, max);
    }

    @Transactional
    public long countInProgress() {
        return transactions.countIn(TransactionStatus.IN_PROGRESS);
    }

    private List<TransactionStateVo> latest(TransactionStatus status, int max) {
        return transactions.newest(status, max).stream()
                .map(ReceiverTransaction::getTransactionId)
                .map(state::transaction)
                .toList();
    }
}

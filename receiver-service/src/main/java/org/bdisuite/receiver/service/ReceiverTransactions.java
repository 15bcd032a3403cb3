package org.bdisuite.receiver.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.bdisuite.model.DataSetType;
import org.bdisuite.model.api.receiver.TransactionVo;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.error.ReceiverRule;
import org.bdisuite.receiver.persistence.ReceiverTransaction;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository;
import org.bdisuite.receiver.storage.PathSegments;
import org.bdisuite.receiver.storage.ReceiverFolders;
import org.bdisuite.runtime.error.InvalidRequestException;

/** Begins receiver transactions (BDI guide, "Begin Receiver Transaction"). */
@ApplicationScoped
public class ReceiverTransactions {

    private static final int MAX_SOURCE_SYSTEM_ID_LENGTH = 1000;

    private final ReceiverTransactionRepository transactions;
    private final ReceiverConfig config;
    private final TransactionOwners owners;

    public ReceiverTransactions(
            ReceiverTransactionRepository transactions, ReceiverConfig config, TransactionOwners owners) {
        this.transactions = transactions;
        this.config = config;
        this.owners = owners;
    }

    /** What a sender asks for when it begins a transaction. */
    public record Begin(
            String transactionId,
            String interfaceModule,
            String sourceSystemName,
            String sourceSystemId,
            long sourceDataSetId,
            DataSetType dataSetType,
            OffsetDateTime sourceSystemDataSetReadyTime) {}

    /**
     * Stores the transaction, owned by the caller, or returns the stored one when this is a retry of the same begin.
     * A transaction id already used for another data set is a 409: its folder would mix the two data sets' files.
     * The same id begun by another user (not an admin) is a 403 whatever the values, checked first: it neither
     * returns the stored transaction nor tells whether the values match.
     */
    public TransactionVo begin(Begin request) {
        PathSegments.require("transactionId", request.transactionId());
        PathSegments.require("interfaceModule", request.interfaceModule());
        PathSegments.require("sourceSystemName", request.sourceSystemName());
        requirePrintable("sourceSystemId", request.sourceSystemId());
        Path dir = ReceiverFolders.under(Path.of(config.baseFolder())).transaction(request.transactionId());
        ReceiverTransaction wanted = new ReceiverTransaction(
                request.transactionId(),
                request.interfaceModule(),
                request.sourceSystemName(),
                request.sourceSystemId(),
                request.sourceDataSetId(),
                request.dataSetType(),
                request.sourceSystemDataSetReadyTime(),
                dir.toString(),
                OffsetDateTime.now(ZoneOffset.UTC),
                owners.caller());
        return InsertOnce.run(() -> answer(wanted, true), () -> answer(wanted, false));
    }

    private TransactionVo answer(ReceiverTransaction wanted, boolean mayInsert) {
        ReceiverTransaction stored = transactions
                .findByTransactionId(wanted.getTransactionId())
                .orElseGet(() -> {
                    if (!mayInsert) {
                        throw new IllegalStateException(
                                "Transaction " + wanted.getTransactionId() + " vanished after a race");
                    }
                    transactions.persistAndFlush(wanted);
                    return wanted;
                });
        owners.requireMayChange(stored.getTransactionId(), stored.getOwnerUsername());
        if (!stored.describesSameDataSet(wanted)) {
            throw ReceiverRule.TRANSACTION_ID_IN_USE.refuse("Transaction id " + wanted.getTransactionId()
                    + " is already in use for data set " + stored.getSourceDataSetId() + " of "
                    + stored.getInterfaceModule() + " from " + stored.getSourceSystemName());
        }
        return TransactionViews.of(stored);
    }

    private static void requirePrintable(String parameter, String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_SOURCE_SYSTEM_ID_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequestException.forField(
                    parameter,
                    "must be 1 to " + MAX_SOURCE_SYSTEM_ID_LENGTH + " characters without control characters");
        }
    }
}

package org.bdisuite.receiver.error;

import org.bdisuite.runtime.error.InsufficientStorageException;
import org.bdisuite.runtime.error.PayloadTooLargeException;
import org.bdisuite.runtime.error.StateConflictException;
import org.bdisuite.runtime.error.SuiteException;
import org.bdisuite.runtime.error.UnprocessableException;

/**
 * Every rule by which the receiver refuses a well-formed request, with its status and the stable {@code code} of the
 * error body. A call site names the rule ({@code throw ReceiverRule.TRANSACTION_ENDED.refuse("...")}); the code is
 * written here once.
 */
public enum ReceiverRule {
    TRANSACTION_ID_IN_USE(409, "transaction-id-in-use"),
    TRANSMISSION_ID_IN_USE(409, "transmission-id-in-use"),
    TRANSACTION_ENDED(409, "transaction-ended"),
    TRANSMISSION_ENDED(409, "transmission-ended"),
    TRANSMISSIONS_OPEN(409, "transmissions-open"),
    BLOCKS_MISSING(409, "blocks-missing"),
    BLOCK_DIFFERS(409, "block-differs"),
    TOO_MANY_BLOCKS(422, "too-many-blocks"),
    DIGEST_MISMATCH(422, "digest-mismatch"),
    BLOCK_TOO_LARGE(413, "block-too-large"),
    QUOTA_EXCEEDED(507, "quota-exceeded");

    private final int status;
    private final String code;

    ReceiverRule(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The exception that answers with this rule's status and code and the given message. */
    public SuiteException refuse(String message) {
        return switch (status) {
            case 409 -> new StateConflictException(code, message);
            case 422 -> new UnprocessableException(code, message);
            case 413 -> new PayloadTooLargeException(code, message);
            case 507 -> new InsufficientStorageException(code, message);
            default -> throw new IllegalStateException("No exception for status " + status);
        };
    }
}

package org.bdisuite.receiver.service;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.error.NotPermittedException;

/**
 * Who may change a receiver transaction: the user who began it, or a bdi-admin. Another sender may not add
 * transmissions or blocks to it, end it, or take it over by beginning it again. A transaction without a recorded
 * owner (begun before owners were recorded) is left to admins.
 */
@ApplicationScoped
public class TransactionOwners {

    /** The error code of the 403. */
    static final String NOT_OWNER = "not-transaction-owner";

    private final SecurityIdentity caller;

    public TransactionOwners(SecurityIdentity caller) {
        this.caller = caller;
    }

    /** The user a transaction begun now belongs to. */
    String caller() {
        return caller.getPrincipal().getName();
    }

    /** A 403 unless the caller began the transaction or is an admin; checked before anything is changed. */
    void requireMayChange(String transactionId, String owner) {
        if (caller.hasRole(Roles.ADMIN) || (owner != null && owner.equals(caller()))) {
            return;
        }
        throw new NotPermittedException(
                NOT_OWNER,
                "Receiver transaction " + transactionId + " was begun by another" + " user: only that user or a "
                        + Roles.ADMIN + " may change it");
    }
}

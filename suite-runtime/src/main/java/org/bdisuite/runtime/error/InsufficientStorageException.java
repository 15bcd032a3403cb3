package org.bdisuite.runtime.error;

/** HTTP 507: storing the request would exceed a storage quota; nothing was stored. */
public class InsufficientStorageException extends SuiteException {

    public InsufficientStorageException(String code, String message) {
        super(507, code, message, null);
    }
}

package org.bdisuite.runtime.error;

/** HTTP 404: the resource the request names does not exist. */
public class ResourceNotFoundException extends SuiteException {

    public ResourceNotFoundException(String message) {
        super(404, null, message, null);
    }

    public ResourceNotFoundException(String code, String message) {
        super(404, code, message, null);
    }
}

package org.bdisuite.runtime.error;

import java.util.List;
import org.bdisuite.model.api.ErrorBody;

/** HTTP 400: malformed or invalid input (a bad parameter, a bad body). */
public class InvalidRequestException extends SuiteException {

    public InvalidRequestException(String message) {
        super(400, null, message, null);
    }

    public InvalidRequestException(String code, String message) {
        super(400, code, message, null);
    }

    public InvalidRequestException(String code, String message, List<ErrorBody.Violation> violations) {
        super(400, code, message, violations);
    }

    /** One bad parameter or property: the message names it, and so does the single violation. */
    public static InvalidRequestException forField(String field, String problem) {
        return new InvalidRequestException(
                "invalid-input", field + ": " + problem, List.of(new ErrorBody.Violation(field, problem)));
    }
}

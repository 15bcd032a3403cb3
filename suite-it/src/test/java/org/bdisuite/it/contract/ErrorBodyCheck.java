package org.bdisuite.it.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bdisuite.model.api.ErrorBody;
import org.bdisuite.model.api.HttpStatusName;

/**
 * Whether an error answer carries the suite's error body ({@link ErrorBody}, JSON): exactly its fields, the
 * answer's own status code and name, a message for a person, violations with a field and a message, and no Java
 * class name or stack trace anywhere in it.
 */
final class ErrorBodyCheck {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // A package name starts a token: "io.x.Y" inside a dotted path segment the caller sent (echoed in a 415's
    // message, e.g. "/receiver-options/a.io.bc.d") is the caller's own text, not a class name.
    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            "((?<![\\w./-])(java|javax|jakarta|org|com|io|sun)\\.[a-z]+\\.[A-Za-z]|Exception\\b|\\bat [A-Za-z_$][\\w$]*(\\.[\\w$]+)+\\(|PSQL|SQLState)");

    private ErrorBodyCheck() {}

    /** What is wrong with the answer's body as an error body, or empty when it is one. */
    static Optional<String> problem(ContractHttp.Answer answer) {
        if (!answer.contentType().startsWith("application/json")) {
            return Optional.of("the error body is not JSON (Content-Type '" + answer.contentType() + "')");
        }
        ErrorBody body;
        try {
            body = STRICT.readValue(answer.body(), ErrorBody.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.of("the body is not the suite's error body: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return Optional.of("the body could not be read: " + e);
        }
        List<String> problems = new ArrayList<>();
        if (body == null) {
            return Optional.of("the body is JSON null");
        }
        if (body.statusCode() != answer.status()) {
            problems.add("statusCode " + body.statusCode() + " differs from the answer's " + answer.status());
        }
        if (!HttpStatusName.of(answer.status()).equals(body.status())) {
            problems.add("status '" + body.status() + "' is not " + HttpStatusName.of(answer.status()));
        }
        if (body.message() == null || body.message().isBlank()) {
            problems.add("no message");
        }
        if (body.errors() != null) {
            body.errors().stream()
                    .filter(v -> v == null || v.field() == null || v.message() == null)
                    .findAny()
                    .ifPresent(v -> problems.add("a violation without field or message: " + v));
        }
        if (JAVA_INTERNALS.matcher(answer.text()).find()) {
            problems.add("it names Java internals (a class, an exception, a stack frame or a driver message)");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}

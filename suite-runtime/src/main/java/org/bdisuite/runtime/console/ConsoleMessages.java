package org.bdisuite.runtime.console;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The notice or refusal that {@link ConsoleRedirects} carried to the page after an action
 * ({@code {inject:consoleMessages.…}} in the layout). Qute escapes it like any other value.
 */
@RequestScoped
@Named("consoleMessages")
public class ConsoleMessages {

    private final HttpServerRequest request;

    public ConsoleMessages(HttpServerRequest request) {
        this.request = request;
    }

    public String getNotice() {
        return request.getParam("notice");
    }

    public String getError() {
        return request.getParam("error");
    }
}

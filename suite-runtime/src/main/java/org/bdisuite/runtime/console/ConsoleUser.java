package org.bdisuite.runtime.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.bdisuite.model.Roles;

/**
 * Who is looking at a console page and what the page may offer them ({@code {inject:consoleUser.…}} in the
 * templates). It only decides which links and buttons are drawn: every action is still checked by the
 * {@code @RolesAllowed} of the resource that performs it.
 */
@RequestScoped
@Named("consoleUser")
public class ConsoleUser {

    private final SecurityIdentity identity;

    public ConsoleUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String getName() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    /** Reads the batch, receiver and settings pages (every role but a pure DATAEXPORTER). */
    public boolean isBdiReader() {
        return has(Roles.ADMIN) || has(Roles.OPERATOR) || has(Roles.MONITOR);
    }

    /** Starts, stops, restarts and abandons jobs. */
    public boolean isOperator() {
        return has(Roles.ADMIN) || has(Roles.OPERATOR);
    }

    /** Changes settings, credentials, destinations and users. */
    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    /** Reads the export pages. */
    public boolean isExportReader() {
        return has(Roles.DATA_EXPORTER) || isBdiReader();
    }

    /** Creates, edits, cancels and runs export schedules and services file jobs. */
    public boolean isExporter() {
        return has(Roles.DATA_EXPORTER) || has(Roles.ADMIN);
    }

    private boolean has(String role) {
        return identity.hasRole(role);
    }
}

package org.bdisuite.exporter.datasource.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.bdisuite.exporter.config.ExporterConfig;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Gives the role suite_export_reader (created without a password by the V22 migration) the configured password
 * at start, so that only this service knows it and a new Secret takes effect on the next start. Where this
 * service's database user may not change the role (a CloudNativePG application user), the role and its password
 * are managed outside (deploy/README.md) and the pool simply logs in with the configured one.
 */
@ApplicationScoped
public class ExportReaderRole {

    /** The role's name, as the migration creates it and the export-reader pool logs in. */
    public static final String NAME = "suite_export_reader";

    private static final Logger LOG = Logger.getLogger(ExportReaderRole.class);

    private final DataSource suite;
    private final ExporterConfig config;

    public ExportReaderRole(DataSource suite, ExporterConfig config) {
        this.suite = suite;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        config.reader()
                .password()
                .ifPresentOrElse(
                        this::setPassword,
                        () -> LOG.warnf(
                                "suite.exporter.reader.password is not set: the role %s can only log in where PostgreSQL trusts"
                                        + " the connection",
                                NAME));
    }

    /**
     * Sets the password as a SCRAM-SHA-256 verifier computed here (pgjdbc's alterUserPassword), so that the
     * password itself never reaches the server or its statement log.
     */
    private void setPassword(String password) {
        try (Connection connection = suite.getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(NAME, password.toCharArray(), "scram-sha-256");
            LOG.infof("Set the password of the PostgreSQL role %s", NAME);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                LOG.infof(
                        "This database user may not change the role %s: its password is managed outside the"
                                + " exporter and must equal suite.exporter.reader.password",
                        NAME);
            } else {
                LOG.warnf("Could not set the password of the PostgreSQL role %s (SQLSTATE %s)", NAME, e.getSQLState());
            }
        }
    }
}

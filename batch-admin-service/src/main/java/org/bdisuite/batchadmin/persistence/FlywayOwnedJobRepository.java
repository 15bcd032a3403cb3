package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.jberet.runtime.JobRepositorySupplier;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import org.bdisuite.runtime.persistence.SchemaMigration;
import org.jberet.repository.JdbcRepository;
import org.jberet.repository.JobRepository;

/**
 * JBeret's JDBC job repository on the shared datasource, created only after Flyway has migrated the schema
 * (quarkus.jberet.repository.type=flyway-jdbc). quarkus-jberet builds its repository at start-up with no
 * ordering against the start's migration; JBeret would then find no tables and run DDL of its own. Here the
 * migration runs first (SchemaMigration: later calls, and its own start observer, return at once), and JBeret's "DDL" is a
 * statement that only checks the tables are there, so JBeret never creates a table.
 */
@ApplicationScoped
@Unremovable
public class FlywayOwnedJobRepository implements JobRepositorySupplier {

    public static final String NAME = "flyway-jdbc";
    private static final String CHECK_ONLY_DDL = "jberet/job-repository-owned-by-flyway.ddl";

    private final AgroalDataSource dataSource;
    private final SchemaMigration schema;

    public FlywayOwnedJobRepository(AgroalDataSource dataSource, SchemaMigration schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public JobRepository get() {
        schema.ensureCurrent();
        Properties properties = new Properties();
        properties.setProperty("ddl-file", CHECK_ONLY_DDL);
        return new JdbcRepository(dataSource, properties);
    }
}

package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.jberet.runtime.JobRepositorySupplier;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jberet.repository.JdbcRepository;
import org.jberet.repository.JobRepository;

/**
 * JBeret's JDBC job repository on the shared datasource, created only after Flyway has migrated the schema
 * (quarkus.jberet.repository.type=flyway-jdbc). quarkus-jberet builds its repository at start-up with no
 * ordering against Flyway's migrate-at-start; JBeret would then find no tables and run DDL of its own. Here the
 * migration runs first (Flyway's lock makes the second, Quarkus's own, a no-op), and JBeret's "DDL" is a
 * statement that only checks the tables are there, so JBeret never creates a table.
 */
@ApplicationScoped
@Unremovable
public class FlywayOwnedJobRepository implements JobRepositorySupplier {

    public static final String NAME = "flyway-jdbc";
    private static final String CHECK_ONLY_DDL = "jberet/job-repository-owned-by-flyway.ddl";

    private final AgroalDataSource dataSource;
    private final Flyway flyway;

    public FlywayOwnedJobRepository(AgroalDataSource dataSource, Flyway flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public JobRepository get() {
        flyway.migrate();
        Properties properties = new Properties();
        properties.setProperty("ddl-file", CHECK_ONLY_DDL);
        return new JdbcRepository(dataSource, properties);
    }
}

package org.bdisuite.archfixture.service;

import javax.sql.DataSource;

/** Fixture: a service that runs its own SQL (breaks rule 4). */
public class WidgetCounter {

    public boolean reachable(DataSource dataSource) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        }
    }
}

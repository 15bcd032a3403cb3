package org.bdisuite.archfixture.persistence;

/** Fixture: a persistence class; it may reach the database. */
public class WidgetStore {

    public int count(java.sql.Connection connection) throws java.sql.SQLException {
        try (var statement = connection.createStatement()) {
            return statement.getMaxRows();
        }
    }
}

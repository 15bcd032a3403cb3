package org.bdisuite.exporter.api;

/**
 * The body of POST /exporter/data-sources/sql.
 *
 * @param name        the data source's name in the dataSources namespace (a letter, then letters, digits, _ . -)
 * @param description what it exports
 * @param sql         one SELECT (or WITH ... SELECT)
 */
public record SqlDataSourceRequest(String name, String description, String sql) {}

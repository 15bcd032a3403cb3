package org.bdisuite.exporter.api;

import java.util.List;

/**
 * A data source of the dataSources namespace.
 *
 * @param name           the name a schedule's dataSource gives
 * @param namespace      always dataSources
 * @param description    what it exports
 * @param headerRow      its columns, in order
 * @param fileTypes      the file types it can be exported as
 * @param parameters     the parameters (filters) a schedule may give
 * @param kind           BUILT_IN or SQL
 */
public record DataSourceVo(
        String name,
        String namespace,
        String description,
        List<String> headerRow,
        List<String> fileTypes,
        List<String> parameters,
        String kind) {}

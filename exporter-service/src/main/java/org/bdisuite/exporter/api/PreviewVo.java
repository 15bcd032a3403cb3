package org.bdisuite.exporter.api;

import java.util.List;
import java.util.Map;

/**
 * The GOSS Data Exporter's data-source result shape.
 *
 * @param headerRow the columns, in order
 * @param data      one object per row, keyed by the header row's names
 */
public record PreviewVo(List<String> headerRow, List<Map<String, Object>> data) {}

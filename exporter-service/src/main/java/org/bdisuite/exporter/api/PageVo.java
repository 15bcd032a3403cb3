package org.bdisuite.exporter.api;

import java.util.List;

/**
 * One page of a list.
 *
 * @param page  the page number, from 0
 * @param size  the page size asked for
 * @param total how many items there are in all
 * @param items this page's items
 */
public record PageVo<T>(int page, int size, long total, List<T> items) {}

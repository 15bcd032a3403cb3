package org.bdisuite.exporter.schedule.persistence;

import java.util.List;

/** One page of a list the database orders, and how many rows the whole list has. */
public record Page<T>(List<T> items, long total) {}

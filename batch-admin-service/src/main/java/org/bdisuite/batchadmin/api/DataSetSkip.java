package org.bdisuite.batchadmin.api;

/**
 * Skipping a FAILED data set.
 *
 * @param reason why (1 to 1000 characters, no control characters); kept with the set and in its audit
 */
public record DataSetSkip(String reason) {}

package org.bdisuite.exporter.api;

/**
 * A mail recipient of an EMAIL export.
 *
 * @param address the mail address
 * @param name    the display name (may be empty)
 */
public record Recipient(String address, String name) {}

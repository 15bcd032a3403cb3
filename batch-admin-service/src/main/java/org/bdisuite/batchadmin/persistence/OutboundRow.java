package org.bdisuite.batchadmin.persistence;

/** One source row on its way to outbound staging: its interface, its number in that interface, its CSV line. */
public record OutboundRow(String interfaceShortName, long sequenceNumber, String line) {}

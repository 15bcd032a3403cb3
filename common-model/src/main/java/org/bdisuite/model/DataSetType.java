package org.bdisuite.model;

/** Whether a BDI data set replaces the destination's data (FULL) or changes part of it (PARTIAL). */
public enum DataSetType {
    FULL,
    PARTIAL
}

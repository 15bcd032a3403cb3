package org.bdisuite.model;

import org.bdisuite.test.architecture.SuiteArchitecture;
import org.junit.jupiter.api.Test;

/** The shared model stays below every service (ARCHITECTURE, "Structure rules"). */
class ArchitectureTest {

    @Test
    void dependsOnNoServiceNorTheRuntime() {
        SuiteArchitecture.modelDependsOnNoService().check(SuiteArchitecture.mainClasses(SuiteArchitecture.MODEL_ROOT));
    }

    @Test
    void reachesNoDatabase() {
        SuiteArchitecture.databaseOnlyInPersistence()
                .check(SuiteArchitecture.mainClasses(SuiteArchitecture.MODEL_ROOT));
    }
}

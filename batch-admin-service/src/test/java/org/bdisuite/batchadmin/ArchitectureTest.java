package org.bdisuite.batchadmin;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.bdisuite.test.architecture.SuiteArchitecture;
import org.junit.jupiter.api.Test;

/** The suite's structure rules (ARCHITECTURE, "Structure rules") over this service's production classes. */
class ArchitectureTest {

    private static final String ROOT = "org.bdisuite.batchadmin";
    private static final JavaClasses CLASSES = SuiteArchitecture.mainClasses(ROOT);

    @Test
    void usesNoOtherServicesCode() {
        SuiteArchitecture.serviceDependsOnNoOtherService(ROOT).check(CLASSES);
    }

    @Test
    void resourcesNeverReachPersistence() {
        SuiteArchitecture.restDoesNotUsePersistence().check(CLASSES);
    }

    @Test
    void onlyPersistenceAndStorageReachTheDatabase() {
        SuiteArchitecture.databaseOnlyInPersistence().check(CLASSES);
    }
}

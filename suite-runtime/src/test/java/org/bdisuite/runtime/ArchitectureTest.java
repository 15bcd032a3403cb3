package org.bdisuite.runtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.bdisuite.test.architecture.SuiteArchitecture;
import org.junit.jupiter.api.Test;

/** The shared runtime obeys the rules it serves (ARCHITECTURE, "Structure rules"). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = SuiteArchitecture.mainClasses(SuiteArchitecture.RUNTIME_ROOT);

    @Test
    void usesNoServicesCode() {
        SuiteArchitecture.serviceDependsOnNoOtherService(SuiteArchitecture.RUNTIME_ROOT)
                .check(CLASSES);
    }

    @Test
    void onlyPersistenceAndStorageReachTheDatabase() {
        SuiteArchitecture.databaseOnlyInPersistence().check(CLASSES);
    }
}

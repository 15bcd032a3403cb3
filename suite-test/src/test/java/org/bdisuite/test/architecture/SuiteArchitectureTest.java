package org.bdisuite.test.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Each structure rule catches a deliberate violation: the fixtures under {@code org.bdisuite.archfixture} and the
 * fixture packages of the model and two services break one rule each, and the clean classes pass.
 */
class SuiteArchitectureTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importPackages(
                    "org.bdisuite.archfixture",
                    "org.bdisuite.model.archfixture",
                    "org.bdisuite.exporter.archfixture",
                    "org.bdisuite.receiver.archfixture");

    @Test
    void theModelMayNotKnowAService() {
        assertThat(violations(SuiteArchitecture.modelDependsOnNoService()))
                .contains("ModelKnowingAService")
                .contains("ReceiverInternal");
    }

    @Test
    void aServiceMayNotUseAnotherServicesCode() {
        assertThat(violations(SuiteArchitecture.serviceDependsOnNoOtherService("org.bdisuite.exporter")))
                .contains("ReachesIntoTheReceiver");
        assertThat(evaluate(SuiteArchitecture.serviceDependsOnNoOtherService("org.bdisuite.receiver"))
                        .hasViolation())
                .as("the receiver's fixture uses nothing of another service")
                .isFalse();
    }

    @Test
    void aResourceMayNotUsePersistence() {
        assertThat(violations(SuiteArchitecture.restDoesNotUsePersistence()))
                .contains("WidgetResource")
                .doesNotContain("WidgetCounter");
    }

    @Test
    void onlyPersistenceMayReachTheDatabase() {
        String violations = violations(SuiteArchitecture.databaseOnlyInPersistence());
        assertThat(violations).contains("WidgetCounter").doesNotContain("WidgetStore.count");
    }

    private static EvaluationResult evaluate(ArchRule rule) {
        return rule.evaluate(FIXTURES);
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = evaluate(rule);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}

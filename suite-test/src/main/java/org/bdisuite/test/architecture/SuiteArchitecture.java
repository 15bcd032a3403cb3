package org.bdisuite.test.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * The suite's layering rules (ARCHITECTURE, "Structure rules"), one definition for every module's ArchitectureTest:
 * the model depends on no service, no service on another, rest never reaches persistence, and the database is reached
 * only from persistence and storage. A rule broken in a module fails that module's build.
 */
public final class SuiteArchitecture {

    /** The root packages of the three services. */
    public static final List<String> SERVICE_ROOTS =
            List.of("org.bdisuite.receiver", "org.bdisuite.batchadmin", "org.bdisuite.exporter");

    public static final String MODEL_ROOT = "org.bdisuite.model";
    public static final String RUNTIME_ROOT = "org.bdisuite.runtime";

    /** The packages whose classes may talk to the database. */
    private static final String[] DATABASE_LAYERS = {"..persistence..", "..storage.."};

    /** JPA types that query or write; entity annotations and mapping types are not among them. */
    private static final Set<String> JPA_ACCESS_TYPES = Set.of(
            "jakarta.persistence.EntityManager",
            "jakarta.persistence.EntityManagerFactory",
            "jakarta.persistence.Query",
            "jakarta.persistence.TypedQuery",
            "jakarta.persistence.StoredProcedureQuery");

    private SuiteArchitecture() {}

    /** The production classes of one module's packages (test classes are not part of the structure). */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** Rule 1: the shared model knows no service and not the runtime built on it. */
    public static ArchRule modelDependsOnNoService() {
        return noClasses()
                .that()
                .resideInAPackage(MODEL_ROOT + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesOf(SERVICE_ROOTS, RUNTIME_ROOT))
                .because("common-model is shared by every service and must not know any of them");
    }

    /** Rule 2: a service uses another only over HTTP (its generated client), never its code. */
    public static ArchRule serviceDependsOnNoOtherService(String serviceRoot) {
        List<String> others =
                SERVICE_ROOTS.stream().filter(root -> !root.equals(serviceRoot)).toList();
        return noClasses()
                .that()
                .resideInAPackage(serviceRoot + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesOf(others))
                .because("services talk over their REST contracts; shared code lives in suite-runtime");
    }

    /**
     * Rule 3: rest -> service -> persistence, one way; a resource (REST, or a console page, which is a resource that
     * answers HTML) never skips the service layer.
     */
    public static ArchRule restDoesNotUsePersistence() {
        return noClasses()
                .that()
                .resideInAnyPackage("..rest..", "..console..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..persistence..")
                .allowEmptyShould(true)
                .because("services own transactions and rules; resources only translate HTTP");
    }

    /**
     * Rule 4: SQL, JDBC, pgjdbc, Agroal, Panache and JPA queries only inside persistence and storage, so each table
     * has one owner class and a feature has one home.
     */
    public static ArchRule databaseOnlyInPersistence() {
        return noClasses()
                .that()
                .resideOutsideOfPackages(DATABASE_LAYERS)
                .should()
                .dependOnClassesThat(databaseAccess())
                .allowEmptyShould(true)
                .because("all SQL of a table lives in its owner class in a persistence package");
    }

    static DescribedPredicate<JavaClass> databaseAccess() {
        return DescribedPredicate.describe(
                "reach the database (JDBC, pgjdbc, Agroal, Panache, JPA queries)",
                type -> !type.isAssignableTo(Throwable.class)
                        && (type.getPackageName().startsWith("java.sql")
                                || type.getPackageName().startsWith("javax.sql")
                                || type.getPackageName().startsWith("io.agroal")
                                || type.getPackageName().startsWith("io.quarkus.agroal")
                                || type.getPackageName().startsWith("org.postgresql")
                                || type.getPackageName().startsWith("io.quarkus.hibernate.orm.panache")
                                || JPA_ACCESS_TYPES.contains(type.getName())));
    }

    private static String[] packagesOf(List<String> roots, String... more) {
        return java.util.stream.Stream.concat(roots.stream(), java.util.Arrays.stream(more))
                .map(root -> root + "..")
                .toArray(String[]::new);
    }
}

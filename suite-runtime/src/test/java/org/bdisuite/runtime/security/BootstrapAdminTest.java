package org.bdisuite.runtime.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.security.persistence.UserRepository;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.junit.jupiter.api.Test;

/** The bootstrap admin: created once when no user exists, whatever starts at the same time. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BootstrapAdminTest {

    @Inject
    BootstrapAdmin bootstrap;

    @Inject
    DataSource dataSource;

    @Inject
    UserRepository users;

    @Test
    void threeServicesStartingAtOnceCreateExactlyOneAdmin() throws Exception {
        Sql.execute(dataSource, "DELETE FROM suite_user");
        Callable<Boolean> start = () -> QuarkusTransaction.requiringNew().call(bootstrap::createAdminIfNoUserExists);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            int created = 0;
            for (Future<Boolean> result : pool.invokeAll(List.of(start, start, start))) {
                created += result.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM suite_user"))
                .isEqualTo(1);
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM suite_user u JOIN suite_user_role r"
                                + " ON r.user_id = u.id WHERE u.username = 'root-admin' AND r.role_name = '"
                                + Roles.ADMIN + "'"))
                .isEqualTo(1);
        given().auth()
                .preemptive()
                .basic("root-admin", "bootstrap-password-1")
                .get("/q/openapi")
                .then()
                .statusCode(200);
    }

    @Test
    void theStartCreatesTheAdminOnlyWhenTheTableIsEmpty() throws Exception {
        Sql.execute(dataSource, "DELETE FROM suite_user");
        assertThat(users.anyUserExists()).isFalse();
        bootstrap.onStart(null);
        assertThat(users.anyUserExists()).isTrue();
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM suite_user WHERE username = 'root-admin'"))
                .isEqualTo(1);
        // A later start finds the user with its plain read and creates nothing.
        bootstrap.onStart(null);
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM suite_user"))
                .isEqualTo(1);
    }

    @Test
    void nothingIsCreatedWhenAUserExists() throws Exception {
        TestUsers.create(dataSource, "someone", Roles.MONITOR);
        long before = Sql.singleLong(dataSource, "SELECT count(*) FROM suite_user");
        assertThat(QuarkusTransaction.requiringNew().call(bootstrap::createAdminIfNoUserExists))
                .isFalse();
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM suite_user"))
                .isEqualTo(before);
    }
}

package org.bdisuite.exporter;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;

/** Shared test helpers: users and schedule bodies. Names are unique across test classes (one database per start). */
final class ExporterApi {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ExporterApi() {}

    static TestUser exporter(DataSource dataSource) {
        return TestUsers.create(dataSource, "exporter-" + SEQUENCE.incrementAndGet(), Roles.DATA_EXPORTER);
    }

    static TestUser admin(DataSource dataSource) {
        return TestUsers.create(dataSource, "exp-admin-" + SEQUENCE.incrementAndGet(), Roles.ADMIN);
    }

    static TestUser monitor(DataSource dataSource) {
        return TestUsers.create(dataSource, "exp-monitor-" + SEQUENCE.incrementAndGet(), Roles.MONITOR);
    }

    static TestUser operator(DataSource dataSource) {
        return TestUsers.create(dataSource, "exp-operator-" + SEQUENCE.incrementAndGet(), Roles.OPERATOR);
    }

    /** A user with no role at all: authenticated, allowed nothing. */
    static TestUser nobody(DataSource dataSource) {
        return TestUsers.create(dataSource, "exp-nobody-" + SEQUENCE.incrementAndGet());
    }

    static RequestSpecification as(TestUser user) {
        return given().auth()
                .preemptive()
                .basic(user.username(), user.password())
                .contentType(ContentType.JSON);
    }

    /** A valid daily CSV-by-mail schedule of sampleAppointments; tests change what they need. */
    static Map<String, Object> schedule() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", "Appointments export");
        body.put("dataSource", "sampleAppointments");
        body.put("fileType", "CSV");
        body.put("operations", new ArrayList<>(List.of("EMAIL")));
        body.put("recipients", new ArrayList<>(List.of(Map.of("address", "support@example.org", "name", "Support"))));
        body.put("frequency", new LinkedHashMap<>(Map.of("type", "daily")));
        body.put("timezone", "Europe/London");
        return body;
    }
}

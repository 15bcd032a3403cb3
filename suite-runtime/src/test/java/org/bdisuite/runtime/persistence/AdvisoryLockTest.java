package org.bdisuite.runtime.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A session-level advisory lock on a connection of its own: tried, waited for within a limit, released. */
class AdvisoryLockTest {

    private TestDatabase.Coordinates database;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void database() {
        database = TestDatabase.createDatabase();
        dataSource = database.dataSource();
    }

    @Test
    void aHeldLockIsNotTakenTwiceAndIsFreeAgainWhenClosed() throws Exception {
        try (AdvisoryLock held = AdvisoryLock.tryTake(dataSource, "a").orElseThrow()) {
            assertThat(AdvisoryLock.tryTake(dataSource, "a")).isEmpty();
            try (AdvisoryLock other = AdvisoryLock.tryTake(dataSource, "b").orElseThrow()) {
                assertThat(heldLocks()).isEqualTo(2);
            }
        }
        assertThat(heldLocks()).isZero();
        AdvisoryLock.tryTake(dataSource, "a").orElseThrow().close();
    }

    @Test
    void aWaitLongerThanItsLimitFailsAndNamesTheLock() throws Exception {
        try (AdvisoryLock held = AdvisoryLock.take(dataSource, "quartz-start:x", Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> AdvisoryLock.take(dataSource, "quartz-start:x", Duration.ofMillis(200)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("quartz-start:x")
                    .hasMessageContaining("PT0.2S");
            assertThat(heldLocks()).as("only the first holder's").isEqualTo(1);
        }
        try (AdvisoryLock next = AdvisoryLock.take(dataSource, "quartz-start:x", Duration.ofMillis(200))) {
            assertThat(heldLocks()).isEqualTo(1);
        }
    }

    @Test
    void theWaitLimitDoesNotStayOnAPooledSession() throws Exception {
        try (Connection physical = database.connect()) {
            DataSource pool = oneConnectionPool(physical);
            AdvisoryLock.take(pool, "c", Duration.ofSeconds(7)).close();
            assertThat(lockTimeout(physical))
                    .as("after a lock taken and released")
                    .isEqualTo("0");

            try (AdvisoryLock held = AdvisoryLock.take(dataSource, "d", Duration.ofSeconds(5))) {
                assertThatThrownBy(() -> AdvisoryLock.take(pool, "d", Duration.ofMillis(100)))
                        .isInstanceOf(IllegalStateException.class);
            }
            assertThat(lockTimeout(physical)).as("after a wait that timed out").isEqualTo("0");
        }
    }

    private long heldLocks() throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_locks l JOIN pg_database d"
                        + " ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted"
                        + " AND d.datname = current_database()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String lockTimeout(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW lock_timeout")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** A pool of one: every getConnection() is the same session, and closing it only hands it back. */
    private static DataSource oneConnectionPool(Connection physical) {
        Connection handedOut = (Connection) Proxy.newProxyInstance(
                AdvisoryLockTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        physical.setAutoCommit(true);
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(
                AdvisoryLockTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return handedOut;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

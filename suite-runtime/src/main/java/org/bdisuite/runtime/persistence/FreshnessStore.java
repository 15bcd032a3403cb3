package org.bdisuite.runtime.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bdisuite.runtime.events.FreshnessKind;

/**
 * The owner of suite_freshness: when each job, export schedule and interface module import last succeeded. A
 * service records a success in the transaction that records the success itself; the newer time always wins, so
 * late or repeated recordings never move it back.
 */
@ApplicationScoped
public class FreshnessStore {

    /** One subject's last success. */
    public record LastSuccess(FreshnessKind kind, String subject, OffsetDateTime at) {}

    private final AgroalDataSource dataSource;

    public FreshnessStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void succeeded(FreshnessKind kind, String subject, OffsetDateTime at) {
        String sql = "INSERT INTO suite_freshness (kind, subject, last_success_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (kind, subject) DO UPDATE SET last_success_at ="
                + " greatest(suite_freshness.last_success_at, EXCLUDED.last_success_at)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, kind.name());
            upsert.setString(2, subject);
            upsert.setObject(3, at);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the success of " + kind + " " + subject + " failed", e);
        }
    }

    public List<LastSuccess> all() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT kind, subject, last_success_at FROM suite_freshness ORDER BY kind, subject");
                ResultSet rows = select.executeQuery()) {
            List<LastSuccess> all = new ArrayList<>();
            while (rows.next()) {
                all.add(new LastSuccess(
                        FreshnessKind.valueOf(rows.getString(1)),
                        rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class)));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the freshness records failed", e);
        }
    }
}

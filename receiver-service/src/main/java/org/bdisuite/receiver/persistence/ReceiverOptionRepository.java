package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bdisuite.model.entity.ReceiverOption;

/** BDI_RECEIVER_OPTIONS, which the System Setting Service writes. */
@ApplicationScoped
public class ReceiverOptionRepository implements PanacheRepository<ReceiverOption> {

    private final DataSource dataSource;

    public ReceiverOptionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ReceiverOption> findForInterface(String interfaceModule, String interfaceShortName) {
        return find("interfaceModule = ?1 and interfaceShortName = ?2", interfaceModule, interfaceShortName)
                .firstResultOptional();
    }

    /** Every interface's options, by interface module and name (the console's Receiver page). */
    public List<ReceiverOption> listSorted() {
        return listAll(Sort.by("interfaceModule").and("interfaceShortName"));
    }

    /**
     * Every BASE_FOLDER configured for an interface, once each: one autocommit statement, no ORM session or
     * transaction, because the start's temporary-file sweep reads it and an ORM session's first use costs a
     * service's start about 30 ms.
     */
    public List<String> baseFolders() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT base_folder FROM bdi_receiver_options")) {
            List<String> folders = new ArrayList<>();
            while (rows.next()) {
                folders.add(rows.getString(1));
            }
            return folders;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the base folders of bdi_receiver_options", e);
        }
    }
}

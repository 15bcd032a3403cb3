package org.bdisuite.runtime;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Hands a path segment to PostgreSQL as text, as the services' lookups by name do (this module's tests only). */
@Path("/probe-text")
@Produces(MediaType.TEXT_PLAIN)
public class TextProbeResource {

    private final DataSource dataSource;

    public TextProbeResource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GET
    @Path("/{value}")
    @Authenticated
    public String echo(@PathParam("value") String value) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT CAST(? AS text)")) {
            statement.setString(1, value);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}

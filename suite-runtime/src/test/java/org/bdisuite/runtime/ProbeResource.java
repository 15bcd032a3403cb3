package org.bdisuite.runtime;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.error.StateConflictException;

/** A resource that exists only in this module's tests, to exercise the shared security and error mapping. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    public record Caller(String name, List<String> roles) {}

    public record Order(@NotBlank String name, @Min(1) int count) {}

    public enum Colour {
        RED,
        GREEN
    }

    /** A body with typed properties for hostile-input tests: an enum, numbers, a date and a timestamp. */
    public record Shipment(
            @jakarta.validation.constraints.NotNull Colour colour,
            @Min(1) int count,
            long weight,
            LocalDate due,
            OffsetDateTime sent,
            List<String> tags) {}

    /** Typed query and path parameters, converted by the REST layer before the method runs. */
    public record Query(Colour colour, Integer count, LocalDate due, long id) {}

    /** State that the bodiless state-changing probes below change, so a test can see whether a request got through. */
    static final AtomicInteger CHANGES = new AtomicInteger();

    private final SecurityIdentity identity;
    private final javax.sql.DataSource dataSource;

    public ProbeResource(SecurityIdentity identity, javax.sql.DataSource dataSource) {
        this.identity = identity;
        this.dataSource = dataSource;
    }

    @GET
    @Path("/me")
    @Authenticated
    public Caller me() {
        return new Caller(identity.getPrincipal().getName(), List.copyOf(new TreeSet<>(identity.getRoles())));
    }

    @GET
    @Path("/admin-only")
    @RolesAllowed(Roles.ADMIN)
    public Caller adminOnly() {
        return me();
    }

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Order order(@Valid Order order) {
        return order;
    }

    /** Like the services' bodiless POSTs (start, restart, stop): a browser can send it from any page. */
    @POST
    @Path("/changes")
    @RolesAllowed(Roles.ADMIN)
    public int change() {
        return CHANGES.incrementAndGet();
    }

    @PUT
    @Path("/changes")
    @RolesAllowed(Roles.ADMIN)
    public int replace() {
        return CHANGES.incrementAndGet();
    }

    @DELETE
    @Path("/changes")
    @RolesAllowed(Roles.ADMIN)
    public int remove() {
        return CHANGES.incrementAndGet();
    }

    @GET
    @Path("/changes")
    @RolesAllowed(Roles.ADMIN)
    public int changes() {
        return CHANGES.get();
    }

    @GET
    @Path("/typed/{id}")
    @Authenticated
    public Query typed(
            @PathParam("id") long id,
            @QueryParam("colour") Colour colour,
            @QueryParam("count") Integer count,
            @QueryParam("due") LocalDate due) {
        return new Query(colour, count, due, id);
    }

    @POST
    @Path("/shipments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public Shipment shipment(@Valid Shipment shipment) {
        return shipment;
    }

    /** Writes straight into the database with what the client sent, so that the database refuses bad values. */
    @POST
    @Path("/grants/{user}/{role}")
    @RolesAllowed(Roles.ADMIN)
    public int grant(@PathParam("user") String user, @PathParam("role") String role) {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO suite_user_role (user_id, role_name) SELECT id, ? FROM suite_user WHERE username = ?")) {
            insert.setString(1, role);
            insert.setString(2, user);
            return insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new jakarta.persistence.PersistenceException("could not execute statement", e);
        }
    }

    @GET
    @Path("/conflict")
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
    @Authenticated
    public Caller conflict() {
        throw new StateConflictException(
                "execution-running", "Execution 7 is running: only STOPPED or FAILED executions restart");
    }

    @GET
    @Path("/bug")
    @Authenticated
    public Caller bug() {
        throw new IllegalStateException("secret internals at org.bdisuite.Internal");
    }

    /** How the last endless stream ended: the failure of its write (a client cut off), or null while it runs. */
    public static final java.util.concurrent.atomic.AtomicReference<Throwable> ENDLESS_STREAM_END =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Writes 64 KB blocks until a write fails: only a client that stops reading (and its cut-off) ends it. */
    @GET
    @Path("/endless-stream")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Authenticated
    public Response endlessStream() {
        ENDLESS_STREAM_END.set(null);
        StreamingOutput body = out -> {
            byte[] block = new byte[64 * 1024];
            try {
                while (true) {
                    out.write(block);
                }
            } catch (java.io.IOException | RuntimeException e) {
                ENDLESS_STREAM_END.set(e);
                throw e;
            }
        };
        return Response.ok(body).build();
    }

    /** Takes a text body whole (limited to suite.http.max-json-body-size) and answers its length. */
    @POST
    @Path("/text")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    @Authenticated
    public String text(String body) {
        return Integer.toString(body.length());
    }

    /** Streams its body (so it counts it itself; here it only counts) and answers its length. */
    @POST
    @Path("/upload")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    @Authenticated
    public String upload(java.io.InputStream body) throws java.io.IOException {
        return Long.toString(body.transferTo(java.io.OutputStream.nullOutputStream()));
    }

    /** Sends 4 MB of NDJSON lines in one write, then fails: a stream that breaks after its head was sent. */
    @GET
    @Path("/broken-stream")
    @Produces("application/x-ndjson")
    @Authenticated
    public Response brokenStream() {
        StreamingOutput body = out -> {
            byte[] line = "{\"n\":1}\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] lines = new byte[4 * 1024 * 1024 / line.length * line.length];
            for (int i = 0; i < lines.length; i += line.length) {
                System.arraycopy(line, 0, lines, i, line.length);
            }
            out.write(lines);
            out.flush();
            throw new IllegalStateException("the source failed midway");
        };
        return Response.ok(body).build();
    }
}

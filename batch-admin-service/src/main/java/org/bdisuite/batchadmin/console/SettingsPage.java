package org.bdisuite.batchadmin.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.bdisuite.batchadmin.api.CredentialChange;
import org.bdisuite.batchadmin.api.DestinationChange;
import org.bdisuite.batchadmin.api.ReceiverOptionChange;
import org.bdisuite.batchadmin.service.Credentials;
import org.bdisuite.batchadmin.service.Destinations;
import org.bdisuite.batchadmin.service.SystemSettings;
import org.bdisuite.batchadmin.service.UserAdministration;
import org.bdisuite.model.MergeStrategy;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.console.ConsolePage;
import org.bdisuite.runtime.console.ConsoleRedirects;
import org.bdisuite.runtime.console.ConsoleUser;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * The BDI guide's "Manage Configurations" tab: the system options and the receiver options per interface (base
 * folder, merge strategy), and, for an administrator, the stored credentials and destinations (their secrets are
 * never shown) and the users with their roles. Changes go through {@link SystemSettings}, the same checks as the
 * REST API's.
 */
@ConsolePage
@Path("/console/settings")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
public class SettingsPage {

    private static final String PAGE = "/console/settings";

    private final Template settings;
    private final SystemSettings systemSettings;
    private final Credentials credentials;
    private final Destinations destinations;
    private final UserAdministration users;
    private final ConsoleUser user;
    private final Validator validator;

    public SettingsPage(
            @Location("console/settings.html") Template settings,
            SystemSettings systemSettings,
            Credentials credentials,
            Destinations destinations,
            UserAdministration users,
            ConsoleUser user,
            Validator validator) {
        this.settings = settings;
        this.systemSettings = systemSettings;
        this.credentials = credentials;
        this.destinations = destinations;
        this.users = users;
        this.user = user;
        this.validator = validator;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        TemplateInstance page = settings.data(
                        "systemOptions", systemSettings.systemOptions().systemOptionVo())
                .data("receiverOptions", systemSettings.receiverOptions().receiverOptionVo())
                .data("mergeStrategies", Arrays.asList(MergeStrategy.values()));
        if (user.isAdmin()) {
            page.data("credentials", credentials.list().credentialVo())
                    .data("destinations", destinations.list().destinationVo())
                    .data("users", users.list());
        }
        return page;
    }

    @POST
    @Path("/system-options")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response changeSystemOption(@FormParam("name") String name, @FormParam("value") String value) {
        return ConsoleRedirects.after(PAGE, () -> {
            systemSettings.changeSystemOption(name, value == null ? "" : value);
            return "System option " + name + " set to " + value;
        });
    }

    @POST
    @Path("/receiver-options")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response changeReceiverOption(
            @FormParam("interfaceModule") String interfaceModule,
            @FormParam("interfaceShortName") String interfaceShortName,
            @FormParam("baseFolder") String baseFolder,
            @FormParam("mergeStrategy") String mergeStrategy) {
        return ConsoleRedirects.after(PAGE, () -> {
            systemSettings.changeReceiverOption(
                    interfaceModule,
                    interfaceShortName,
                    new ReceiverOptionChange(baseFolder == null ? "" : baseFolder, mergeStrategy(mergeStrategy)));
            return "Receiver options of " + interfaceModule + "/" + interfaceShortName + " saved";
        });
    }

    /**
     * Stores a credential as the API's PUT does: as a whole, so the password is always entered (it is write-only and
     * never sent back to the page).
     */
    @POST
    @Path("/credentials")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response saveCredential(
            @FormParam("name") String name,
            @FormParam("username") String username,
            @FormParam("password") String password,
            @FormParam("description") String description) {
        return ConsoleRedirects.after(PAGE, () -> {
            credentials.put(
                    name,
                    valid(new CredentialChange(
                            required("username", username), secret(password), blankAsNull(description))));
            return "Credential " + name + " saved";
        });
    }

    /** Stores a destination as the API's PUT does (its pinned certificates come back in the form, they are public). */
    @POST
    @Path("/destinations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response saveDestination(
            @FormParam("name") String name,
            @FormParam("url") String url,
            @FormParam("username") String username,
            @FormParam("password") String password,
            @FormParam("trustedCertificates") String trustedCertificates,
            @FormParam("description") String description) {
        return ConsoleRedirects.after(PAGE, () -> {
            destinations.put(
                    name,
                    valid(new DestinationChange(
                            required("url", url),
                            required("username", username),
                            secret(password),
                            blankAsNull(trustedCertificates),
                            blankAsNull(description))));
            return "Destination " + name + " saved";
        });
    }

    /** The same constraints (sizes) as the API's body, which the REST layer would have checked. */
    private <T> T valid(T change) {
        validator.validate(change).stream().findFirst().ifPresent(violation -> {
            throw InvalidRequestException.forField(violation.getPropertyPath().toString(), violation.getMessage());
        });
        return change;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.forField(field, "is required");
        }
        return value.strip();
    }

    /** A password as typed (not stripped: spaces may be part of it). */
    private static String secret(String password) {
        if (password == null || password.isEmpty()) {
            throw InvalidRequestException.forField("password", "is required: it is write-only, enter it to save");
        }
        return password;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static MergeStrategy mergeStrategy(String value) {
        try {
            return MergeStrategy.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.forField(
                    "mergeStrategy", "must be one of " + Arrays.toString(MergeStrategy.values()));
        }
    }
}

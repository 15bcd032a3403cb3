package org.bdisuite.batchadmin.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.bdisuite.batchadmin.api.ReceiverOptionChange;
import org.bdisuite.batchadmin.service.Credentials;
import org.bdisuite.batchadmin.service.Destinations;
import org.bdisuite.batchadmin.service.SystemSettings;
import org.bdisuite.batchadmin.service.UserAdministration;
import org.bdisuite.model.MergeStrategy;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.console.ConsoleRedirects;
import org.bdisuite.runtime.console.ConsoleUser;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * The BDI guide's "Manage Configurations" tab: the system options and the receiver options per interface (base
 * folder, merge strategy), and, for an administrator, the stored credentials and destinations (their secrets are
 * never shown) and the users with their roles. Changes go through {@link SystemSettings}, the same checks as the
 * REST API's.
 */
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

    public SettingsPage(
            @Location("console/settings.html") Template settings,
            SystemSettings systemSettings,
            Credentials credentials,
            Destinations destinations,
            UserAdministration users,
            ConsoleUser user) {
        this.settings = settings;
        this.systemSettings = systemSettings;
        this.credentials = credentials;
        this.destinations = destinations;
        this.users = users;
        this.user = user;
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

    private static MergeStrategy mergeStrategy(String value) {
        try {
            return MergeStrategy.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.forField(
                    "mergeStrategy", "must be one of " + Arrays.toString(MergeStrategy.values()));
        }
    }
}

package org.bdisuite.batchadmin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.batchadmin.api.NotificationHistoryVo;
import org.bdisuite.batchadmin.api.NotificationRuleChange;
import org.bdisuite.batchadmin.api.NotificationRuleVo;
import org.bdisuite.batchadmin.api.NotificationRulesVo;
import org.bdisuite.batchadmin.service.NotificationHistory;
import org.bdisuite.batchadmin.service.NotificationRules;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * System Setting Service: notification rules (which events go to which e-mail recipients and signed webhooks) and
 * the notification history. Administrators only; a webhook secret is write-only.
 */
@Path("/system-setting")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = BatchApiDocs.SETTINGS)
public class NotificationResource {

    private final NotificationRules rules;
    private final NotificationHistory history;

    public NotificationResource(NotificationRules rules, NotificationHistory history) {
        this.rules = rules;
        this.history = history;
    }

    @GET
    @Path("/notification-rules")
    @Operation(operationId = "getNotificationRules", summary = "Notification rules, never their webhook secrets")
    public NotificationRulesVo list() {
        return rules.list();
    }

    @GET
    @Path("/notification-rules/{name}")
    @Operation(operationId = "getNotificationRule", summary = "One notification rule, never its webhook secret")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "A bad rule name")
    @APIResponse(responseCode = "404", description = "No such rule")
    public NotificationRuleVo get(@PathParam("name") String name) {
        return rules.get(name);
    }

    @PUT
    @Path("/notification-rules/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "putNotificationRule",
            summary = "Stores a notification rule as a whole; a webhook secret is sealed at once and never returned")
    @APIResponse(responseCode = "200")
    @APIResponse(
            responseCode = "400",
            description = "A bad name; an unknown event kind; an e-mail address that is not a plain address; a"
                    + " webhookDestination that is not a stored destination; a new webhookDestination without a"
                    + " webhookSecret; neither recipients nor a webhook; maxPerHour outside 1..10000")
    @APIResponse(responseCode = "415", description = BatchApiDocs.NOT_JSON)
    @APIResponse(
            responseCode = "422",
            description = "secrets-key-missing: suite.secrets.key is not set, so a webhook secret cannot be sealed")
    public NotificationRuleVo put(@PathParam("name") String name, @Valid @NotNull NotificationRuleChange change) {
        return rules.put(name, change);
    }

    @DELETE
    @Path("/notification-rules/{name}")
    @Operation(operationId = "deleteNotificationRule", summary = "Deletes a notification rule (its history stays)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "A bad rule name")
    @APIResponse(responseCode = "404", description = "No such rule")
    public void delete(@PathParam("name") String name) {
        rules.delete(name);
    }

    @GET
    @Path("/notification-history")
    @Operation(
            operationId = "getNotificationHistory",
            summary = "Notifications, newest first: PENDING, SENT, FAILED or SUPPRESSED, with their events")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "A bad status, size or before")
    public NotificationHistoryVo history(
            @Parameter(description = "Only this status: PENDING, SENT, FAILED or SUPPRESSED") @QueryParam("status")
                    String status,
            @Parameter(description = "Only this rule's notifications") @QueryParam("rule") String rule,
            @Parameter(description = "The nextBefore of the previous page") @QueryParam("before") Long before,
            @Parameter(description = "Entries per page, 1 to 500") @QueryParam("size") @DefaultValue("50") int size) {
        return history.list(status, rule, before, size);
    }
}

package org.bdisuite.exporter.schedule.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.bdisuite.exporter.api.DataSourceVo;
import org.bdisuite.exporter.api.PageVo;
import org.bdisuite.exporter.api.RunVo;
import org.bdisuite.exporter.api.ScheduleVo;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.schedule.service.DataSourcePreviews;
import org.bdisuite.exporter.schedule.service.ErrorLog;
import org.bdisuite.exporter.schedule.service.ExportConsole;
import org.bdisuite.exporter.schedule.service.Exports;
import org.bdisuite.exporter.schedule.service.RunFiles;
import org.bdisuite.exporter.schedule.service.RunProgress;
import org.bdisuite.exporter.schedule.service.Schedules;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.console.ConsolePage;
import org.bdisuite.runtime.console.ConsoleRedirects;
import org.bdisuite.runtime.error.SuiteException;

/**
 * The Data Exporter's pages: the schedules with state, last run and next fire times, and the DataExporterErrors
 * log; the scheduling form built from the exporter's constants and data sources, with a live preview of the data
 * source's header and first rows and of the next fire times; a schedule with run now, edit, cancel, its runs' files
 * and its audit and config histories. Every action goes through the exporter's services, the same rules as the API.
 */
@ConsolePage
@Path("/console/exporter")
@RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
public class SchedulesPage {

    private static final int PREVIEW_ROWS = 5;
    private static final int PAGE_SIZE = 25;

    private final Templates templates;
    private final Schedules schedules;
    private final Exports exports;
    private final ExportConsole console;
    private final DataSourcePreviews dataSources;
    private final ExporterConstants constants;
    private final ErrorLog errors;
    private final RunFiles runFiles;
    private final SecurityIdentity identity;
    private final RunProgress progress;

    /** The page's templates, one injection point (a singleton: no client proxy in front of its fields). */
    @jakarta.inject.Singleton
    public static class Templates {
        @jakarta.inject.Inject
        @Location("console/schedules.html")
        Template list;

        @jakarta.inject.Inject
        @Location("console/schedule.html")
        Template schedule;

        @jakarta.inject.Inject
        @Location("console/schedule-form.html")
        Template form;

        @jakarta.inject.Inject
        @Location("console/preview.html")
        Template preview;

        @jakarta.inject.Inject
        @Location("console/fire-times.html")
        Template fireTimes;

        @jakarta.inject.Inject
        @Location("console/exporter-overview.html")
        Template overview;

        @jakarta.inject.Inject
        @Location("console/run-progress.html")
        Template runProgress;
    }

    public SchedulesPage(
            Templates templates,
            Schedules schedules,
            Exports exports,
            ExportConsole console,
            DataSourcePreviews dataSources,
            ExporterConstants constants,
            ErrorLog errors,
            RunFiles runFiles,
            SecurityIdentity identity,
            RunProgress progress) {
        this.progress = progress;
        this.templates = templates;
        this.schedules = schedules;
        this.exports = exports;
        this.console = console;
        this.dataSources = dataSources;
        this.constants = constants;
        this.errors = errors;
        this.runFiles = runFiles;
        this.identity = identity;
    }

    /** The exporter's part of the Overview page (loaded by the browser into batch-admin's page). */
    @GET
    @Path("/overview")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR, Roles.OPERATOR})
    public TemplateInstance overview() {
        return templates.overview.data("dueToday", console.dueToday(500)).data("errors", errors.page(0, 3));
    }

    @GET
    @Path("/schedules")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("page") int page) {
        int current = Math.max(page, 0);
        PageVo<ScheduleVo> list = schedules.list(current, PAGE_SIZE);
        return templates
                .list
                .data("schedules", list)
                .data("previousPage", current > 0 ? current - 1 : null)
                .data("nextPage", (long) (current + 1) * PAGE_SIZE < list.total() ? current + 1 : null)
                .data("errors", errors.page(0, 20));
    }

    @GET
    @Path("/schedules/new")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    public TemplateInstance newSchedule() {
        return form(ScheduleForm.empty(), "/console/exporter/schedules", "New export schedule");
    }

    @POST
    @Path("/schedules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    public Response create(MultivaluedMap<String, String> fields) {
        ScheduleForm form = ScheduleForm.of(fields);
        try {
            ScheduleVo created = schedules.create(form.toRequest(), user());
            return ConsoleRedirects.seeOther(
                    "/console/exporter/schedules/" + created.businessKey(), "notice", "Schedule created");
        } catch (SuiteException refused) {
            return refusedForm(refused, form, "/console/exporter/schedules", "New export schedule");
        }
    }

    @GET
    @Path("/schedules/{key}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance schedule(@PathParam("key") String key) {
        ScheduleVo schedule = schedules.get(key);
        return templates
                .schedule
                .data("schedule", schedule)
                .data("lastRunFiles", console.filesOf(schedule.lastRun()))
                .data("progress", running(schedule.lastRun()))
                .data("audit", console.audit(key, 20))
                .data("configs", console.configs(key, 20));
    }

    @GET
    @Path("/schedules/{key}/edit")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    public TemplateInstance edit(@PathParam("key") String key) {
        ScheduleVo schedule = schedules.get(key);
        return form(
                ScheduleForm.of(schedule.configuration()),
                "/console/exporter/schedules/" + key + "/edit",
                "Edit export schedule " + key);
    }

    @POST
    @Path("/schedules/{key}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    public Response saveEdit(@PathParam("key") String key, MultivaluedMap<String, String> fields) {
        ScheduleForm form = ScheduleForm.of(fields);
        try {
            Schedules.MessageResult result = schedules.edit(key, form.toRequest(), user());
            return ConsoleRedirects.seeOther(
                    "/console/exporter/schedules/" + key,
                    "notice",
                    result.deferred() ? "Edit saved: it applies when the running export ends" : "Schedule edited");
        } catch (SuiteException refused) {
            return refusedForm(
                    refused, form, "/console/exporter/schedules/" + key + "/edit", "Edit export schedule " + key);
        }
    }

    @POST
    @Path("/schedules/{key}/cancel")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    public Response cancel(@PathParam("key") String key) {
        return ConsoleRedirects.after(
                "/console/exporter/schedules/" + key,
                () -> schedules.cancel(key).deferred()
                        ? "Cancel requested: it takes effect when the running export ends"
                        : "Schedule cancelled");
    }

    @POST
    @Path("/schedules/{key}/run")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    public Response run(@PathParam("key") String key) {
        String page = "/console/exporter/schedules/" + key;
        return ConsoleRedirects.orBackTo(page, () -> {
            RunVo run = exports.runNow(key, user());
            return "SUCCEEDED".equals(run.outcome())
                    ? ConsoleRedirects.seeOther(page, "notice", "Run " + run.runId() + " succeeded")
                    : ConsoleRedirects.seeOther(page, "error", "Run " + run.runId() + " failed: " + run.error());
        });
    }

    /**
     * The progress bar of a running run (null when the schedule's last run is not running): rows written of the
     * data source's rows, counted once when the page is first opened.
     */
    private RunProgress.View running(RunVo lastRun) {
        return lastRun != null && "RUNNING".equals(lastRun.outcome()) ? progress.of(lastRun.runId()) : null;
    }

    /** The part of a schedule's page that refreshes itself while its run runs (htmx polls it every second). */
    @GET
    @Path("/runs/{runId}/progress")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance runProgress(@PathParam("runId") long runId) {
        return templates.runProgress.data("progress", progress.of(runId));
    }

    /** A file of a run, for the browser (the API's download takes basic auth, the console its session). */
    @GET
    @Path("/runs/{runId}/files/{name}")
    public Response download(@PathParam("runId") long runId, @PathParam("name") String name) {
        RunFiles.Download download = runFiles.find(runId, name);
        String type = name.endsWith(".csv") ? "text/csv; charset=UTF-8" : "application/json";
        return Response.ok(download.path().toFile(), type)
                .header("Content-Disposition", "attachment; filename=\"" + download.name() + "\"")
                .build();
    }

    /** The form's live preview: the data source's header row and first rows. */
    @GET
    @Path("/preview")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance preview(@QueryParam("dataSource") String dataSource) {
        if (dataSource == null || dataSource.isBlank()) {
            return templates.preview.data("preview", null).data("problem", "Choose a data source.");
        }
        try {
            return templates
                    .preview
                    .data("preview", dataSources.preview(dataSource, PREVIEW_ROWS, java.util.Map.of()))
                    .data("problem", null);
        } catch (SuiteException refused) {
            return templates.preview.data("preview", null).data("problem", refused.getMessage());
        }
    }

    /** The form's live preview of the next fire times of what is filled in so far. */
    @POST
    @Path("/fire-times")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance fireTimes(MultivaluedMap<String, String> fields) {
        try {
            return templates
                    .fireTimes
                    .data("times", console.nextFireTimes(ScheduleForm.of(fields).toRequest(), 3))
                    .data("problem", null);
        } catch (SuiteException refused) {
            return templates.fireTimes.data("times", List.of()).data("problem", refused.getMessage());
        }
    }

    private TemplateInstance form(ScheduleForm form, String action, String title) {
        List<DataSourceVo> sources = dataSources.list();
        return templates
                .form
                .data("form", form)
                .data("action", action)
                .data("title", title)
                .data("constants", constants.constants())
                .data("dataSources", sources)
                .data("problem", null);
    }

    private Response refusedForm(SuiteException refused, ScheduleForm form, String action, String title) {
        if (refused.status() >= 500) {
            throw refused;
        }
        return Response.status(refused.status())
                .entity(form(form, action, title).data("problem", refused.getMessage()))
                .type(MediaType.TEXT_HTML)
                .build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}

package org.bdisuite.exporter.common;

import org.bdisuite.runtime.error.StateConflictException;
import org.bdisuite.runtime.error.SuiteException;
import org.bdisuite.runtime.error.UnprocessableException;

/**
 * The exporter's rules that refuse a request, each with its status (409: not allowed in the resource's current
 * state; 422: well-formed but rejected) and the stable code of its error body. Call sites name the rule and say
 * what happened; the status and code live here only.
 */
public enum ExporterRule {
    /** startExport or a retry while the schedule's instance runs an export. */
    SCHEDULE_RUNNING(409, "schedule-running"),
    /** A message to a cancelled instance, or one being cancelled. */
    SCHEDULE_CANCELLED(409, "schedule-cancelled"),
    /** A retry of a run that did not fail. */
    RUN_NOT_FAILED(409, "run-not-failed"),
    /** A SQL data source under a name that is taken (built in or registered). */
    DATA_SOURCE_EXISTS(409, "data-source-exists"),
    /** SFTP details under a key that is taken. */
    SFTP_DETAILS_EXIST(409, "sftp-details-exist"),
    /** A secret to store while suite.secrets.key is not configured. */
    SECRETS_KEY_MISSING(409, "secrets-key-missing"),
    /** A file of a services file job that has not SUCCEEDED. */
    FILE_JOB_NOT_SUCCEEDED(409, "file-job-not-succeeded"),
    /** A run (or its retry) that failed: recorded, audited and in DataExporterErrors. */
    EXPORT_FAILED(422, "export-failed"),
    /** A SQL data source's query that PostgreSQL refused or cancelled while it was previewed. */
    QUERY_FAILED(422, "query-failed"),
    /** A SQL data source's query that PostgreSQL refused when it was registered. */
    QUERY_REFUSED(422, "query-refused"),
    /** A SQL data source that is not exactly one SELECT statement. */
    NOT_A_SINGLE_SELECT(422, "not-a-single-select"),
    /** A SQL data source whose SELECT returns no column. */
    NO_COLUMNS(422, "no-columns"),
    /** A SQL data source whose SELECT returns a column name twice. */
    DUPLICATE_COLUMNS(422, "duplicate-columns");

    private final int status;
    private final String code;

    ExporterRule(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The refusal to throw, with {@code message} saying what happened in the request's terms. */
    public SuiteException refusal(String message) {
        return status == 409 ? new StateConflictException(code, message) : new UnprocessableException(code, message);
    }
}

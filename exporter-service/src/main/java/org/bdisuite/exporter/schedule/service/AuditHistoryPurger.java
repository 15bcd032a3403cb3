package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.bdisuite.exporter.schedule.persistence.ExporterErrorRepository;
import org.bdisuite.exporter.schedule.persistence.HistoryEventRepository;
import org.bdisuite.runtime.retention.Purger;
import org.bdisuite.runtime.retention.Reclaimed;
import org.bdisuite.runtime.retention.RetentionConfig;

/**
 * AUDIT_HISTORY: the exporter's histories (configs and reporting_audit events) and DataExporterErrors entries
 * recorded before the cutoff (suite.retention.audit-history).
 */
@ApplicationScoped
public class AuditHistoryPurger implements Purger {

    private final HistoryEventRepository histories;
    private final ExporterErrorRepository errors;
    private final RetentionConfig config;

    public AuditHistoryPurger(
            HistoryEventRepository histories, ExporterErrorRepository errors, RetentionConfig config) {
        this.histories = histories;
        this.errors = errors;
        this.config = config;
    }

    @Override
    public String kind() {
        return "AUDIT_HISTORY";
    }

    @Override
    public Duration retention() {
        return config.auditHistory();
    }

    @Override
    @Transactional
    public Reclaimed purge(OffsetDateTime cutoff, boolean dryRun) {
        return histories.purgeRecordedBefore(cutoff, dryRun).plus(errors.purgeOccurredBefore(cutoff, dryRun));
    }
}

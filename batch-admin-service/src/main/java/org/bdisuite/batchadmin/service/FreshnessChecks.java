package org.bdisuite.batchadmin.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bdisuite.batchadmin.api.FreshnessListVo;
import org.bdisuite.batchadmin.api.FreshnessRuleChange;
import org.bdisuite.batchadmin.api.FreshnessVo;
import org.bdisuite.batchadmin.persistence.FreshnessRuleRow;
import org.bdisuite.batchadmin.persistence.FreshnessRuleStore;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.events.FreshnessKind;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.persistence.FreshnessStore;
import org.bdisuite.runtime.persistence.FreshnessStore.LastSuccess;
import org.bdisuite.runtime.persistence.SuiteEventStore;
import org.jboss.logging.Logger;

/**
 * Freshness rules ("must succeed every N hours" per job, export schedule or interface module) and their check. A
 * subject whose last success (or, without any, its rule's creation) is older than its rule is not fresh: one
 * NOT_FRESH event per staleness episode, because the occurrence key names the success the episode began after
 * ({@code not-fresh:<kind>:<subject>:<epoch ms>}); the next success ends the episode.
 */
@ApplicationScoped
public class FreshnessChecks {

    private static final Logger LOG = Logger.getLogger(FreshnessChecks.class);
    /** Job names, interface modules and business keys: letters, digits and a few separators. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_.:-]{1,300}");

    private final FreshnessRuleStore rules;
    private final FreshnessStore successes;
    private final SuiteEventStore events;
    private final MonitoringMetrics metrics;

    public FreshnessChecks(
            FreshnessRuleStore rules, FreshnessStore successes, SuiteEventStore events, MonitoringMetrics metrics) {
        this.rules = rules;
        this.successes = successes;
        this.events = events;
        this.metrics = metrics;
    }

    /** Records NOT_FRESH events of subjects past their rule and refreshes the gauges; returns the new events. */
    public int check() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<FreshnessRuleRow> all = rules.list();
            List<LastSuccess> last = successes.all();
            metrics.freshness(last, all);
            Map<String, LastSuccess> byKey = byKey(last);
            OffsetDateTime now = OffsetDateTime.now();
            int recorded = 0;
            for (FreshnessRuleRow rule : all) {
                LastSuccess success = byKey.get(key(rule.kind(), rule.subject()));
                OffsetDateTime since = success != null ? success.at() : rule.createdAt();
                if (since.plusHours(rule.maxAgeHours()).isBefore(now) && notFresh(rule, success, since)) {
                    recorded++;
                }
            }
            return recorded;
        });
    }

    private boolean notFresh(FreshnessRuleRow rule, LastSuccess success, OffsetDateTime since) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", rule.kind());
        details.put("name", rule.subject());
        details.put("maxAgeHours", rule.maxAgeHours());
        details.put(
                "lastSuccessAt",
                success == null ? null : success.at().toInstant().toString());
        boolean recorded = events.record(
                SuiteEventKind.NOT_FRESH,
                key(rule.kind(), rule.subject()),
                "not-fresh:" + key(rule.kind(), rule.subject()) + ":"
                        + since.toInstant().toEpochMilli(),
                details);
        if (recorded) {
            LOG.warnf(
                    "%s %s is not fresh: no success within %d hours (last %s)",
                    rule.kind(), rule.subject(), rule.maxAgeHours(), details.get("lastSuccessAt"));
        }
        return recorded;
    }

    @Transactional
    public FreshnessListVo list() {
        Map<String, LastSuccess> last = byKey(successes.all());
        Map<String, FreshnessRuleRow> byRule = new HashMap<>();
        rules.list().forEach(r -> byRule.put(key(r.kind(), r.subject()), r));
        List<String> keys = new ArrayList<>(last.keySet());
        byRule.keySet().stream().filter(k -> !last.containsKey(k)).forEach(keys::add);
        keys.sort(null);
        OffsetDateTime now = OffsetDateTime.now();
        List<FreshnessVo> subjects = new ArrayList<>();
        for (String key : keys) {
            subjects.add(view(key, last.get(key), byRule.get(key), now));
        }
        return new FreshnessListVo(subjects);
    }

    @Transactional
    public FreshnessVo putRule(String kind, String subject, FreshnessRuleChange change) {
        FreshnessRuleRow rule = rules.put(checkKind(kind), checkSubject(subject), change.maxAgeHours());
        LOG.infof("Freshness rule stored: %s %s must succeed every %d hours", kind, subject, rule.maxAgeHours());
        LastSuccess success = byKey(successes.all()).get(key(kind, subject));
        return view(key(kind, subject), success, rule, OffsetDateTime.now());
    }

    @Transactional
    public void deleteRule(String kind, String subject) {
        if (!rules.delete(checkKind(kind), checkSubject(subject))) {
            throw new ResourceNotFoundException("no-freshness-rule", "No freshness rule for " + kind + " " + subject);
        }
        LOG.infof("Freshness rule of %s %s deleted", kind, subject);
    }

    private static FreshnessVo view(String key, LastSuccess success, FreshnessRuleRow rule, OffsetDateTime now) {
        String kind = key.substring(0, key.indexOf(':'));
        String subject = key.substring(key.indexOf(':') + 1);
        Long seconds =
                success == null ? null : Duration.between(success.at(), now).toSeconds();
        OffsetDateTime since = success != null ? success.at() : rule == null ? null : rule.createdAt();
        boolean fresh = rule == null || !since.plusHours(rule.maxAgeHours()).isBefore(now);
        return new FreshnessVo(
                kind,
                subject,
                rule == null ? null : rule.maxAgeHours(),
                success == null ? null : success.at(),
                seconds,
                fresh);
    }

    private static Map<String, LastSuccess> byKey(List<LastSuccess> all) {
        Map<String, LastSuccess> byKey = new HashMap<>();
        all.forEach(s -> byKey.put(key(s.kind().name(), s.subject()), s));
        return byKey;
    }

    private static String key(String kind, String subject) {
        return kind + ":" + subject;
    }

    private static String checkKind(String kind) {
        try {
            return FreshnessKind.valueOf(kind).name();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw InvalidRequestException.forField("kind", "must be JOB, EXPORT_SCHEDULE or INTERFACE_MODULE");
        }
    }

    private static String checkSubject(String subject) {
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw InvalidRequestException.forField("subject", "must be 1 to 300 letters, digits, '_', '.', ':' or '-'");
        }
        return subject;
    }
}

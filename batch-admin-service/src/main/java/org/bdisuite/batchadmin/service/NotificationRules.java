package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bdisuite.batchadmin.api.NotificationRuleChange;
import org.bdisuite.batchadmin.api.NotificationRuleVo;
import org.bdisuite.batchadmin.api.NotificationRulesVo;
import org.bdisuite.batchadmin.persistence.NotificationRuleRow;
import org.bdisuite.batchadmin.persistence.NotificationRuleStore;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.secrets.SecretCipher;
import org.jboss.logging.Logger;

/**
 * Notification rules (System Setting Service, administrators only): which events go to which e-mail recipients and
 * to which stored destination as a signed webhook. The webhook secret is sealed with {@link SecretCipher} bound to
 * the rule's name and never returned or logged; only the dispatcher opens it ({@link #webhookSecret}).
 */
@ApplicationScoped
public class NotificationRules {

    private static final Logger LOG = Logger.getLogger(NotificationRules.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** A plain address (no display name, no list): what a rule sends to and nothing a header could be built from. */
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int DEFAULT_MAX_PER_HOUR = 20;

    private final NotificationRuleStore rules;
    private final Destinations destinations;
    private final SecretCipher cipher;

    public NotificationRules(NotificationRuleStore rules, Destinations destinations, SecretCipher cipher) {
        this.rules = rules;
        this.destinations = destinations;
        this.cipher = cipher;
    }

    @Transactional
    public NotificationRulesVo list() {
        return new NotificationRulesVo(
                rules.list().stream().map(NotificationRules::toVo).toList());
    }

    @Transactional
    public NotificationRuleVo get(String name) {
        return toVo(require(checkName(name)));
    }

    @Transactional
    public NotificationRuleVo put(String name, NotificationRuleChange change) {
        checkName(name);
        List<String> kinds = checkKinds(change.eventKinds());
        String subject = checkSubject(change.subject());
        List<String> recipients = checkRecipients(change.emailRecipients());
        String destination = checkDestination(change.webhookDestination());
        if (recipients.isEmpty() && destination == null) {
            throw InvalidRequestException.forField(
                    "emailRecipients", "a rule needs e-mail recipients, a webhookDestination, or both");
        }
        NotificationRuleRow existing = rules.find(name).orElse(null);
        String sealedSecret = sealedSecret(name, change.webhookSecret(), destination, existing);
        NotificationRuleRow stored = rules.put(new NotificationRuleRow(
                0,
                name,
                kinds,
                subject,
                recipients,
                destination,
                sealedSecret,
                change.maxPerHour() == null ? DEFAULT_MAX_PER_HOUR : change.maxPerHour(),
                change.enabled() == null || change.enabled(),
                null));
        LOG.infof("Notification rule %s stored: %s", name, stored);
        return toVo(stored);
    }

    @Transactional
    public void delete(String name) {
        require(checkName(name));
        rules.delete(name);
        LOG.infof("Notification rule %s deleted", name);
    }

    /** The rule's clear webhook secret, for signing one notification at once; never for a response or a log. */
    public String webhookSecret(NotificationRuleRow rule) {
        return cipher.open(rule.sealedWebhookSecret(), context(rule.name()));
    }

    /**
     * A new secret is sealed; without one, the stored one stays as long as the destination does (a secret given to
     * one receiver is not silently handed to another).
     */
    private String sealedSecret(String name, String secret, String destination, NotificationRuleRow existing) {
        if (destination == null) {
            if (secret != null) {
                throw InvalidRequestException.forField("webhookSecret", "goes with a webhookDestination");
            }
            return null;
        }
        if (secret != null) {
            if (secret.isBlank() || CONTROL.matcher(secret).find()) {
                throw InvalidRequestException.forField("webhookSecret", "must be text without control characters");
            }
            return cipher.sealForStorage(secret, context(name), "notification rules with a webhook");
        }
        if (existing != null
                && existing.sealedWebhookSecret() != null
                && destination.equals(existing.webhookDestination())) {
            return existing.sealedWebhookSecret();
        }
        throw InvalidRequestException.forField(
                "webhookSecret", "is required with a new webhookDestination (16 to 1024 characters)");
    }

    private NotificationRuleRow require(String name) {
        return rules.find(name)
                .orElseThrow(
                        () -> new ResourceNotFoundException("no-notification-rule", "No notification rule " + name));
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InvalidRequestException.forField("name", "must be 1 to 100 letters, digits, '_', '.' or '-'");
        }
        return name;
    }

    private static List<String> checkKinds(List<String> kinds) {
        Set<String> checked = new LinkedHashSet<>();
        for (String kind : kinds) {
            try {
                checked.add(SuiteEventKind.valueOf(kind).name());
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.forField(
                        "eventKinds", "must be among " + List.of(SuiteEventKind.values()) + "; got " + printable(kind));
            }
        }
        return new ArrayList<>(checked);
    }

    private static String checkSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            return null;
        }
        if (CONTROL.matcher(subject).find()) {
            throw InvalidRequestException.forField("subject", "must not contain control characters");
        }
        return subject.trim();
    }

    private static List<String> checkRecipients(List<String> recipients) {
        if (recipients == null) {
            return List.of();
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String recipient : recipients) {
            String address = recipient.trim();
            if (!ADDRESS.matcher(address).matches()) {
                throw InvalidRequestException.forField(
                        "emailRecipients", "holds " + printable(address) + ", which is not a plain e-mail address");
            }
            checked.add(address);
        }
        return new ArrayList<>(checked);
    }

    private String checkDestination(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (!destinations.exists(name)) {
            throw InvalidRequestException.forField(
                    "webhookDestination",
                    "names no stored destination (PUT /system-setting/destinations/{name} stores one)");
        }
        return name;
    }

    /** A bad value quoted in an error message without what could break a log line or a client's display. */
    private static String printable(String value) {
        String shown = CONTROL.matcher(Objects.toString(value)).replaceAll("?");
        return "'" + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown) + "'";
    }

    private static String context(String ruleName) {
        return "notification-rule:" + ruleName;
    }

    static NotificationRuleVo toVo(NotificationRuleRow rule) {
        return new NotificationRuleVo(
                rule.name(),
                rule.eventKinds(),
                rule.subject(),
                rule.emailRecipients(),
                rule.webhookDestination(),
                rule.sealedWebhookSecret() != null,
                rule.maxPerHour(),
                rule.enabled(),
                rule.updatedAt());
    }
}

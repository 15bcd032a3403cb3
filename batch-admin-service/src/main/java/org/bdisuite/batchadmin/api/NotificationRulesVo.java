package org.bdisuite.batchadmin.api;

import java.util.List;

/** Every notification rule, by name. */
public record NotificationRulesVo(List<NotificationRuleVo> rules) {}

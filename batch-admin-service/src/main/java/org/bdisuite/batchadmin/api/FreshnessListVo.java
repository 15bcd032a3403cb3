package org.bdisuite.batchadmin.api;

import java.util.List;

/** Every subject with a rule or a recorded success. */
public record FreshnessListVo(List<FreshnessVo> subjects) {}

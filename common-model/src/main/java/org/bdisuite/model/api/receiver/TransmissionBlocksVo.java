package org.bdisuite.model.api.receiver;

import java.util.List;

/** A transmission and every block it holds (number, item count, size, sha-256), in block-number order. */
public record TransmissionBlocksVo(TransmissionVo transmission, List<BlockVo> blocks) {}

package org.bdisuite.model.api.receiver;

import java.time.OffsetDateTime;

/**
 * The block JSON of the spec's uploadDataBlock response, field for field, plus the block's size and sha-256 so
 * that a sender can check what the receiver holds.
 */
public record BlockVo(
        Long blockId,
        String transmissionId,
        int blockNumber,
        int blockItemCount,
        String dir,
        String fileName,
        String receiverBlockStatus,
        OffsetDateTime createTime,
        long blockBytes,
        String sha256) {}

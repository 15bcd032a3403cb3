package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.OffsetDateTime;
import org.bdisuite.model.MergeStrategy;

/** A row of BDI_RECEIVER_OPTIONS: where the receiver keeps an interface's files and how it merges them. */
@JsonRootName("receiverOptionVo")
public record ReceiverOptionVo(
        String interfaceModule,
        String interfaceShortName,
        String baseFolder,
        String folderTemplate,
        MergeStrategy mergeStrategy,
        OffsetDateTime updatedAt) {}

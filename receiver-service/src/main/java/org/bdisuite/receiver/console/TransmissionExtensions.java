package org.bdisuite.receiver.console;

import io.quarkus.qute.TemplateExtension;
import org.bdisuite.model.api.receiver.TransmissionVo;

/** Values the Receiver page shows of a transmission ({@code {transmission.blocksExpected}} in its templates). */
@TemplateExtension
final class TransmissionExtensions {

    private TransmissionExtensions() {}

    /** How many blocks the transmission has once its last block number is known, else null. */
    static Integer blocksExpected(TransmissionVo transmission) {
        return transmission.endBlockNumber() == null
                ? null
                : transmission.endBlockNumber() - transmission.beginBlockNumber() + 1;
    }
}

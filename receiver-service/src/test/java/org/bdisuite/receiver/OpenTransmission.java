package org.bdisuite.receiver;

import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A receiver transaction of Diff_Fnd from RMS with one transmission of interface Diff in progress, begun through
 * the API as a sender would. Ids come from one sequence, so test classes sharing a database never collide.
 *
 * @param transactionId  percent-encoded, as it goes into a path (Tx%23...)
 * @param transmissionId as it goes into a path
 */
record OpenTransmission(String transactionId, String transmissionId) {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static OpenTransmission begin(Supplier<RequestSpecification> sender, String prefix) {
        int n = SEQUENCE.incrementAndGet();
        OpenTransmission open = new OpenTransmission("Tx%23" + prefix + n, prefix + n);
        sender.get()
                .post("/receiver/beginTransaction/" + open.transactionId() + "/Diff_Fnd/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);
        sender.get()
                .post("/receiver/beginTransmission/" + open.transactionId() + "/" + open.transmissionId()
                        + "/RMS/Diff_Fnd/Diff/1/1/300/1")
                .then()
                .statusCode(200);
        return open;
    }

    /** The uploadDataBlock path of a block of this transmission. */
    String upload(int blockNumber, int itemCount) {
        return "/receiver/uploadDataBlock/" + transactionId + "/" + transmissionId + "/RMS/Diff_Fnd/Diff/" + blockNumber
                + "/" + itemCount;
    }

    /** The endTransmission path of this transmission. */
    String end(int numBlocks) {
        return "/receiver/endTransmission/" + transmissionId + "/RMS/Diff_Fnd/Diff/" + numBlocks;
    }
}

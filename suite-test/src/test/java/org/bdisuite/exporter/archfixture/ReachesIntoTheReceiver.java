package org.bdisuite.exporter.archfixture;

/** Fixture: exporter code that uses the receiver's code (breaks rule 2). */
public class ReachesIntoTheReceiver {

    public Class<?> receiverType() {
        return org.bdisuite.receiver.archfixture.ReceiverInternal.class;
    }
}

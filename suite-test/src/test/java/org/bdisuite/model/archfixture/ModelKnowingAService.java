package org.bdisuite.model.archfixture;

/** Fixture: model code that knows a service (breaks rule 1). */
public class ModelKnowingAService {

    public Class<?> serviceType() {
        return org.bdisuite.receiver.archfixture.ReceiverInternal.class;
    }
}

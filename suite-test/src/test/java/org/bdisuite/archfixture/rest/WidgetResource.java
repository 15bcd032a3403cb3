package org.bdisuite.archfixture.rest;

import org.bdisuite.archfixture.persistence.WidgetStore;

/** Fixture: a resource that skips the service layer (breaks rule 3). */
public class WidgetResource {

    public WidgetStore store() {
        return new WidgetStore();
    }
}

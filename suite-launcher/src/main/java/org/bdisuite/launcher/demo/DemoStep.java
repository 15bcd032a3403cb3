package org.bdisuite.launcher.demo;

/**
 * One piece of demo data. Every step runs on every {@code --demo} start, so it must leave things as they
 * are when its data is already there. Steps run in their own transaction, in the order of
 * {@link DemoSteps#all()}.
 */
public interface DemoStep {

    /** What the step sets up, in a few words, as the launcher prints it. */
    String description();

    /** Sets the data up; reports what it did (or that it was already there) through {@link DemoContext#report}. */
    void apply(DemoContext ctx) throws Exception;
}

package org.healthgraph.app.demo;

/**
 * One part of the demonstration data (the demo dictionary, a synthetic population, ...). Steps run
 * in {@link #order()} before the server starts answering; each must be idempotent.
 */
public interface DemoStep {

    /** Short description printed while the step runs, e.g. "demo dictionary". */
    String name();

    /** Lower runs first. */
    default int order() {
        return 100;
    }

    /** Loads the data; returns a one-line summary such as "12 tables, 140 variables". */
    String run();
}

package org.healthgraph.app.demo;

/**
 * One part of the demonstration data (the demo dictionary, a synthetic population, ...). Steps run
 * in {@link #order()} before the server starts answering; each must be idempotent.
 */
public interface DemoStep {

    /** Short description printed while the step runs, e.g. "demo dictionary". */
    String name();

    /**
     * What the step loads, as every caller of the health endpoint may read it while it runs: no
     * path nor other detail of the machine (the name may hold the folder given on the command line).
     */
    default String label() {
        return name();
    }

    /** Lower runs first. */
    default int order() {
        return 100;
    }

    /** Loads the data; returns a one-line summary such as "12 tables, 140 variables". */
    String run();
}

package org.healthgraph.catalog;

/**
 * Follows a long import, for a progress bar: a task of a known number of steps, each step a file.
 * Called on the importing thread.
 */
public interface ImportProgress {

    /** Reports nothing. */
    ImportProgress NONE = new ImportProgress() {
        @Override
        public void start(String task, long totalSteps) {
        }

        @Override
        public void step(String item) {
        }

        @Override
        public void done() {
        }
    };

    /** A task starts, with this many steps. */
    void start(String task, long totalSteps);

    /** One step is over ({@code item}: the file just handled). */
    void step(String item);

    /** The current task is over. */
    void done();
}

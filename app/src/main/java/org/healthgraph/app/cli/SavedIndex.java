package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.util.Optional;

import org.healthgraph.journeys.CohortService;

/**
 * The saved timeline index around a command-line import. When it matches the graph before the
 * import (or the graph holds no journeys yet), it is loaded, kept current by the import's changes,
 * and saved with the graph's new stamp, so that the next server start loads it in seconds; otherwise
 * it is left alone, and the server rebuilds it from the graph (it sees the stamp has moved).
 */
final class SavedIndex {

    private final CohortService cohorts;
    private final boolean open;

    private SavedIndex(CohortService cohorts, boolean open) {
        this.cohorts = cohorts;
        this.open = open;
    }

    /** Loads the saved index if it matches the graph now; never rebuilds it. */
    static SavedIndex openBeforeImport(CohortService cohorts) {
        return new SavedIndex(cohorts, cohorts.openSavedOnly());
    }

    /** Saves the index kept current by the import, or says why it will be rebuilt. */
    void updateAfterImport(PrintWriter out) {
        if (!open) {
            out.printf("timeline index: the server rebuilds it from the graph when it next opens it (%s)%n",
                    cohorts.lastOpen().map(CohortService.OpenReport::reason).orElse("not opened"));
            return;
        }
        long t0 = System.nanoTime();
        Optional<Long> bytes = cohorts.save();
        if (bytes.isPresent()) {
            out.printf("timeline index saved, current with this import (%,d bytes in %.1f s): the server opens it without"
                    + " reading the graph%n", bytes.get(), (System.nanoTime() - t0) / 1e9);
        } else {
            out.println("timeline index: not saved (see the log); the server rebuilds it from the graph when it next opens it");
        }
    }
}

package org.healthgraph.importers;

import org.healthgraph.catalog.CatalogException;
import org.healthgraph.graph.ErrorKind;

/**
 * Stops a catalog import at its first failure of kind {@link ErrorKind#UNAVAILABLE} (the database gone
 * or unreachable). Such a failure is not the file's: recording it and going on to the next file only
 * repeats the driver's retries (about 30 s a file), file after file, for minutes, before the same
 * outcome. The import ends at once with one message; the files committed before it stay, and
 * importing the tree again is safe (unchanged files are skipped).
 */
public final class UnavailableStop {

    private UnavailableStop() {
    }

    /** Rethrows {@code e} as the import's end when it is of kind unavailable; returns otherwise. */
    public static void ifUnavailable(CatalogException e, String file) {
        if (e.kind() == ErrorKind.UNAVAILABLE) {
            throw new CatalogException(ErrorKind.UNAVAILABLE, "The database became unavailable while importing " + file
                    + ": import stopped (the files imported before it are kept; run the import again once the"
                    + " database is back, unchanged files are skipped)", e);
        }
    }
}

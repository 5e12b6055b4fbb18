package org.healthgraph.importers.tableschema;

import java.nio.file.Path;
import java.util.List;

import org.healthgraph.importers.BundledTree;

/**
 * The demonstration data dictionary shipped with healthgraph: three products (PATIENTS, SOINS_VILLE,
 * SEJOURS), five tables, five code lists, in French, in the Table Schema layout of schema-snds. Its
 * content is written for the demo (see its README); it is not a copy of the SNDS.
 */
public final class DemoDictionary {

    private static final BundledTree TREE = new BundledTree("/demo/dictionary/", "the demo dictionary");

    private DemoDictionary() {
    }

    /** The files, relative to the folder's root. */
    public static List<String> files() {
        return TREE.files();
    }

    /** Copies the files into {@code dir} (created if needed) and returns {@code dir}, ready to import. */
    public static Path extractTo(Path dir) {
        return TREE.extractTo(dir);
    }
}

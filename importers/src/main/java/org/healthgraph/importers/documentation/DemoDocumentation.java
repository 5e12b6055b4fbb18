package org.healthgraph.importers.documentation;

import java.nio.file.Path;
import java.util.List;

import org.healthgraph.importers.BundledTree;

/**
 * The demo's documentation, bundled as resources: a few pages in French about the tables of the demo
 * dictionary ({@code DemoDictionary}), laid out as Documentation-SNDS (two thematic pages, two table
 * pages, three glossary pages). Written for the demo; not a copy of the SNDS documentation.
 */
public final class DemoDocumentation {

    private static final BundledTree TREE = new BundledTree("/demo/documentation/", "the demo documentation");

    private DemoDocumentation() {
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

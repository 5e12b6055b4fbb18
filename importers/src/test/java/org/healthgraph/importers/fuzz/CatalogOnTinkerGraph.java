package org.healthgraph.importers.fuzz;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedTinkerGraph;

/** The catalog importers' real graph for fuzzing: the embedded TinkerGraph, in memory, one per test JVM. */
final class CatalogOnTinkerGraph {

    static final GraphStore STORE = SharedTinkerGraph.store();
    static final Catalog CATALOG = Catalogs.reader(STORE);
    static final CatalogWriter WRITER = Catalogs.writer(STORE);

    private CatalogOnTinkerGraph() {
    }

    /** Every problem's text, and the summary, hold the property. */
    static void reportIsClean(ImportReport report, byte[] input) {
        FuzzProperty.messagesAreClean(report.problems().stream().map(ImportProblem::toString).toList(), input);
        FuzzProperty.messagesAreClean(report.rowsSkipped().keySet(), input);
    }
}

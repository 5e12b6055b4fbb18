package org.healthgraph.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.importers.tableschema.TableSchemaImporter;

/** Loads the demonstration data dictionary (three products, five tables, five code lists) into the catalog. */
public final class DemoDictionaryStep implements DemoStep {

    private final Catalog catalog;
    private final CatalogWriter writer;

    public DemoDictionaryStep(Catalog catalog, CatalogWriter writer) {
        this.catalog = catalog;
        this.writer = writer;
    }

    @Override
    public String name() {
        return "demo dictionary";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String run() {
        Path dir;
        try {
            dir = Files.createTempDirectory("healthgraph-demo-dictionary-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the demo dictionary", e);
        }
        try {
            ImportReport report = new TableSchemaImporter(catalog, writer).importTree(DemoDictionary.extractTo(dir),
                    ImportProgress.NONE);
            if (report.hasErrors()) {
                throw new IllegalStateException("the demo dictionary did not import cleanly: " + report.problems());
            }
            CatalogStats stats = catalog.stats();
            return stats.tables() + " tables, " + stats.variables() + " variables, " + stats.nomenclatures()
                    + " code lists, " + stats.codes() + " codes";
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: left for the system to clean
            }
        }
    }
}

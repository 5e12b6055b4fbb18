package org.healthgraph.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo's data dictionary into the catalog: a Table Schema tree given by
 * {@code healthgraph.demo.dictionary} (the demo command's {@code --dictionary}, such as the public
 * schema-snds), else the small built-in one (three products, five tables, five code lists). Its
 * summary says which it loaded.
 */
public final class DemoDictionaryStep implements DemoStep {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDictionaryStep.class);

    private final Catalog catalog;
    private final CatalogWriter writer;
    private final Optional<Path> given;
    private final PausedIndexing indexing;

    public DemoDictionaryStep(Catalog catalog, CatalogWriter writer) {
        this(catalog, writer, Optional.empty());
    }

    /** @param given the dictionary folder to load instead of the built-in one, if any */
    public DemoDictionaryStep(Catalog catalog, CatalogWriter writer, Optional<Path> given) {
        this(catalog, writer, given, PausedIndexing.NONE);
    }

    /**
     * @param given the dictionary folder to load instead of the built-in one, if any
     * @param indexing the search index's batch feeding, paused while the dictionary is written (the
     *     demo's {@link SearchIndexStep} indexes it by one rebuild after every step)
     */
    public DemoDictionaryStep(Catalog catalog, CatalogWriter writer, Optional<Path> given, PausedIndexing indexing) {
        this.catalog = catalog;
        this.writer = writer;
        this.given = given;
        this.indexing = java.util.Objects.requireNonNull(indexing, "indexing");
    }

    @Override
    public String name() {
        return given.map(d -> "dictionary " + d).orElse("built-in demo dictionary");
    }

    @Override
    public String label() {
        return given.isPresent() ? "dictionary" : "built-in demo dictionary";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String run() {
        return indexing.around(this::load);
    }

    private String load() {
        if (given.isPresent()) {
            ImportReport report = new TableSchemaImporter(catalog, writer).importTree(given.get(), ImportProgress.NONE);
            if (report.filesImported() == 0) {
                throw new IllegalStateException("the dictionary " + given.get() + " imported no file: give a Table Schema"
                        + " tree laid out as schema-snds (schemas/, nomenclatures/)");
            }
            if (report.hasErrors()) {
                // A real dictionary has a few faulty rows; the demo goes on with the rest, as the import command does.
                LOG.warn("Demo: the dictionary {} imported with {} problem(s), {} file(s) failed (see `healthgraph import"
                        + " table-schema` for the report)", given.get(), report.problems().size(), report.filesFailed());
            }
            return summary("from " + given.get());
        }
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
            return summary("built in");
        } finally {
            DemoFolders.delete(dir);
        }
    }

    private String summary(String origin) {
        CatalogStats stats = catalog.stats();
        return origin + ": " + stats.tables() + " tables, " + stats.variables() + " variables, " + stats.nomenclatures()
                + " code lists, " + stats.codes() + " codes";
    }
}

package org.healthgraph.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.documentation.CatalogLookup;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationStats;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.importers.documentation.DemoDocumentation;
import org.healthgraph.importers.documentation.DocumentationImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo's documentation after its dictionary (names resolve against the catalog): a
 * Markdown folder given by {@code healthgraph.demo.documentation} (the demo command's
 * {@code --documentation}, such as the public Documentation-SNDS), else a few built-in pages in
 * French about the demo's tables, with a glossary. Its summary says which it loaded.
 */
public final class DemoDocumentationStep implements DemoStep {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDocumentationStep.class);

    private final Catalog catalog;
    private final DocumentationWriter writer;
    private final Documentation documentation;
    private final Optional<Path> given;
    private final PausedIndexing indexing;

    /** @param given the documentation folder to load instead of the built-in pages, if any */
    public DemoDocumentationStep(Catalog catalog, DocumentationWriter writer, Documentation documentation,
            Optional<Path> given) {
        this(catalog, writer, documentation, given, PausedIndexing.NONE);
    }

    /**
     * @param given the documentation folder to load instead of the built-in pages, if any
     * @param indexing the search index's batch feeding, paused while the pages are written (the demo's
     *     {@link SearchIndexStep} indexes them by one rebuild after every step)
     */
    public DemoDocumentationStep(Catalog catalog, DocumentationWriter writer, Documentation documentation,
            Optional<Path> given, PausedIndexing indexing) {
        this.catalog = catalog;
        this.writer = writer;
        this.documentation = documentation;
        this.given = given;
        this.indexing = java.util.Objects.requireNonNull(indexing, "indexing");
    }

    @Override
    public String name() {
        return given.map(d -> "documentation " + d).orElse("built-in demo documentation");
    }

    @Override
    public String label() {
        return given.isPresent() ? "documentation" : "built-in demo documentation";
    }

    /** After the dictionary, before the search index. */
    @Override
    public int order() {
        return 20;
    }

    @Override
    public String run() {
        return indexing.around(this::load);
    }

    private String load() {
        DocumentationImporter importer = new DocumentationImporter(CatalogLookup.of(catalog), writer);
        if (given.isPresent()) {
            ImportReport report = importer.importFolder(given.get(), ImportProgress.NONE);
            if (report.hasErrors()) {
                LOG.warn("Demo: the documentation {} imported with {} page(s) failed (see `healthgraph import documentation`"
                        + " for the report)", given.get(), report.filesFailed());
            }
            return summary("from " + given.get(), report);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("healthgraph-demo-documentation-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the demo documentation", e);
        }
        try {
            ImportReport report = importer.importFolder(DemoDocumentation.extractTo(dir), ImportProgress.NONE);
            if (report.hasErrors()) {
                throw new IllegalStateException("the demo documentation did not import cleanly: " + report.problems());
            }
            return summary("built in", report);
        } finally {
            DemoFolders.delete(dir);
        }
    }

    private String summary(String origin, ImportReport report) {
        DocumentationStats stats = documentation.stats();
        return origin + ": " + stats.pages() + " pages, " + stats.sections() + " sections, " + stats.terms()
                + " glossary terms, " + stats.mentions() + " mentions of the catalog (" + report.problems().size()
                + " warning(s))";
    }
}

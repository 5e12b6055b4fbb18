package org.healthgraph.app.demo;

import java.util.Objects;
import java.util.function.Supplier;

import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.search.BatchedIndexing;
import org.healthgraph.catalog.search.SearchKnowledge;

/**
 * The search index's batch by batch feeding paused around a demo step whose writes the demo's
 * {@link SearchIndexStep} indexes anyway, by one rebuild from the graph after every step: a real
 * dictionary's 420,000 entries then cost that one pass of the index writer, not also an update, a
 * commit and a read back over Bolt every second while the step writes (the index-at-end approach of
 * the import commands). The listeners are back when the step ends, failed or not, and the search
 * knowledge is told to forget what it read meanwhile (the documentation's changes it was not told).
 */
public final class PausedIndexing {

    /** No pause: the step's writes are indexed batch by batch (a step run outside the demo's loader). */
    public static final PausedIndexing NONE = new PausedIndexing(null, null, null, null);

    private final CatalogWriter catalog;
    private final DocumentationWriter documentation;
    private final BatchedIndexing batches;
    private final SearchKnowledge knowledge;

    private PausedIndexing(CatalogWriter catalog, DocumentationWriter documentation, BatchedIndexing batches,
            SearchKnowledge knowledge) {
        this.catalog = catalog;
        this.documentation = documentation;
        this.batches = batches;
        this.knowledge = knowledge;
    }

    /** Pauses {@code batches}, registered with both writers, around each step given to {@link #around}. */
    public static PausedIndexing of(CatalogWriter catalog, DocumentationWriter documentation, BatchedIndexing batches,
            SearchKnowledge knowledge) {
        return new PausedIndexing(Objects.requireNonNull(catalog, "catalog"),
                Objects.requireNonNull(documentation, "documentation"), Objects.requireNonNull(batches, "batches"),
                Objects.requireNonNull(knowledge, "knowledge"));
    }

    /** Runs {@code work} with the batch feeding paused (or as is, for {@link #NONE}). */
    public <T> T around(Supplier<T> work) {
        if (batches == null) {
            return work.get();
        }
        catalog.removeListener(batches);
        documentation.removeListener(batches.documentationListener());
        try {
            return work.get();
        } finally {
            catalog.addListener(batches);
            documentation.addListener(batches.documentationListener());
            knowledge.forget();
        }
    }
}

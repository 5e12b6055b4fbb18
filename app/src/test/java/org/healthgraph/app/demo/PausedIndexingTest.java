package org.healthgraph.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.search.BatchedIndexing;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchKnowledge;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.GremlinSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's dictionary and documentation steps leave the search index to the demo's one rebuild after
 * every step (the index-at-end approach), instead of feeding it batch by batch while they write; the
 * batch feeding is back after them. On an in-memory TinkerGraph with the built-in dictionary and pages.
 */
class PausedIndexingTest {

    @TempDir
    Path dir;

    private GraphStore store;
    private Catalog catalog;
    private CatalogWriter writer;
    private Documentation documentation;
    private DocumentationWriter documentationWriter;
    private SearchIndex index;
    private BatchedIndexing batches;
    private PausedIndexing paused;

    @BeforeEach
    void aServerOnAnEmptyGraph() {
        store = GraphStores.open(GraphSettings.gremlin(GremlinSettings.inMemory(), dir.resolve("unused")));
        catalog = Catalogs.reader(store);
        writer = Catalogs.writer(store);
        documentation = Catalogs.documentation(store);
        documentationWriter = Catalogs.documentationWriter(store);
        index = SearchIndex.inMemory();
        SearchKnowledge knowledge = new SearchKnowledge(catalog, documentation);
        batches = BatchedIndexing.start(catalog, documentation, knowledge, index);
        writer.addListener(batches);
        documentationWriter.addListener(batches.documentationListener());
        paused = PausedIndexing.of(writer, documentationWriter, batches, knowledge);
    }

    @AfterEach
    void close() {
        batches.close();
        index.close();
        store.close();
    }

    @Test
    void theDictionaryAndDocumentationStepsFeedTheIndexNothingAndTheBatchFeedingIsBackAfterThem() {
        new DemoDictionaryStep(catalog, writer, Optional.empty(), paused).run();
        batches.flush();
        assertThat(index.size()).isZero();
        new DemoDocumentationStep(catalog, documentationWriter, documentation, Optional.empty(), paused).run();
        batches.flush();
        assertThat(index.size()).isZero();

        // The demo's search index step: one rebuild from the graph.
        long built = CatalogDocuments.reindex(catalog, documentation, index);
        assertThat(built).isPositive();
        assertThat(index.size()).isEqualTo(built);

        // Later writes (a server's) are indexed batch by batch again, catalog and documentation alike.
        List<String> codes = new ArrayList<>();
        catalog.forEachEntry(Set.of(EntryKind.CODE), e -> codes.add(e.key()));
        writer.delete("test", EntryKind.CODE, codes.subList(0, 2));
        batches.flush();
        assertThat(index.size()).isEqualTo(built - 2);
        long pages = documentationWriter.fingerprints().size();
        assertThat(pages).isPositive();
        documentationWriter.deletePages(documentationWriter.fingerprints().keySet());
        batches.flush();
        assertThat(index.size()).isLessThan((int) built - 2);
    }
}

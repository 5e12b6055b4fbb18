package org.healthgraph.catalog.curation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogFixture;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchHit;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchRequest;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A catalog fixture written in the graph, its writer, reader, an in-memory search index kept current
 * by the writer, and curation over them recording its audit in {@link #audited}; every test works in
 * its own names ({@link CatalogFixture}).
 */
public abstract class CurationTestBase {

    /** The audit records of the test, in order. */
    protected final List<AuditEvent> audited = Collections.synchronizedList(new ArrayList<>());
    protected CatalogWriter writer;
    protected Catalog catalog;
    protected Curation curation;
    protected CatalogFixture f;
    private SearchIndex index;

    /** The graph to run on, shared by the tests of the class. */
    protected abstract GraphStore graph();

    @BeforeEach
    void open() {
        writer = Catalogs.writer(graph());
        writer.ensureSchema();
        catalog = Catalogs.reader(graph());
        index = SearchIndex.inMemory();
        writer.addListener(CatalogDocuments.keepingCurrent(catalog, index));
        AuditTrail trail = audited::add;
        curation = Catalogs.curation(graph(), writer, trail, new CurationLimits(2_000, 200, 100));
        f = CatalogFixture.create();
        f.units("Identifiant du patient").forEach(writer::write);
        CatalogDocuments.reindex(catalog, index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    protected EntityRef var(String name) {
        return EntityRef.of(EntryKind.VARIABLE, new VariableRef(f.a(), name).key());
    }

    protected EntityRef tableA() {
        return EntityRef.of(EntryKind.TABLE, f.a().value());
    }

    protected String description(String name) {
        return catalog.variable(new VariableRef(f.a(), name)).orElseThrow().description();
    }

    protected List<String> searchKeys(String word) {
        return index.search(SearchRequest.of(word)).hits().stream().map(SearchHit::key).toList();
    }
}

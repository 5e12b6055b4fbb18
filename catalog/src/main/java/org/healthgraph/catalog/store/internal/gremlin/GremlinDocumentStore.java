package org.healthgraph.catalog.store.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.outV;
import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.valueMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentationStats;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Term;
import org.healthgraph.catalog.internal.CatalogRows;
import org.healthgraph.catalog.internal.DocumentRows;
import org.healthgraph.catalog.store.DocumentStore;
import org.healthgraph.catalog.store.DocumentTransaction;
import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;
import org.healthgraph.graph.gremlin.GremlinWriter;

/**
 * The documentation store on a Gremlin graph: traversals built with TinkerPop's Java API, on the same
 * labels, properties and edges as the Neo4j store.
 */
public final class GremlinDocumentStore implements DocumentStore {

    static final List<Label> LABELS = List.of(GraphNames.DOCUMENT, GraphNames.TERM);
    static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(GraphNames.DOCUMENT, "page"),
            new PropertyIndex(GraphNames.DOCUMENT, "sourcePath"), new PropertyIndex(GraphNames.DOCUMENT, "kind"));

    private final GremlinGraph graph;

    public GremlinDocumentStore(GremlinGraph graph) {
        this.graph = graph;
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.GREMLIN;
    }

    @Override
    public void ensureSchema() {
        graph.ensureSchema(LABELS, INDEXES);
    }

    @Override
    public DocumentationStats stats() {
        return graph.read(g -> {
            Map<Object, Long> kinds = g.V().hasLabel("Document").has("kind").<Object>groupCount().by("kind").next();
            long terms = g.V().hasLabel("Term").count().next();
            long mentions = g.E().hasLabel(GraphNames.MENTIONS).count().next();
            long links = g.E().hasLabel("LINKS_TO").count().next();
            return new DocumentationStats(kinds.getOrDefault(DocumentRows.PAGE, 0L),
                    kinds.getOrDefault(DocumentRows.SECTION, 0L), terms, mentions, links);
        });
    }

    @Override
    public List<Document> documents(Collection<String> keys) {
        return graph.read(g -> Lookups.vertices(graph, g, GraphNames.DOCUMENT, keys)).stream()
                .filter(p -> p.get("kind") != null).map(DocumentRows::document).toList();
    }

    @Override
    public List<Document> documentsOfPages(Collection<String> pageKeys) {
        return graph.read(g -> Lookups.properties(g, Lookups.idsWhere(graph, g, "Document", "page", pageKeys))).stream()
                .filter(p -> p.get("kind") != null).map(DocumentRows::document).toList();
    }

    @Override
    public List<String> pageKeys() {
        return graph.read(g -> g.V().has("Document", "kind", DocumentRows.PAGE).values("key").toList()).stream()
                .map(String::valueOf).sorted().toList();
    }

    @Override
    public Map<String, String> fingerprintsOfPages(Collection<String> pageKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        documentProperties(pageKeys).stream().filter(p -> DocumentRows.PAGE.equals(p.get("kind")))
                .forEach(p -> out.put(CatalogRows.str(p, "key"), CatalogRows.str(p, "fingerprint")));
        return out;
    }

    @Override
    public Map<String, String> fingerprints() {
        Map<String, String> out = new TreeMap<>();
        graph.read(g -> g.V().has("Document", "kind", DocumentRows.PAGE).elementMap("sourcePath", "fingerprint").toList())
                .forEach(m -> {
                    Map<String, Object> p = GremlinValues.properties(m);
                    out.put(CatalogRows.str(p, "sourcePath"), CatalogRows.str(p, "fingerprint"));
                });
        return out;
    }

    @Override
    public List<Mention> mentionsFrom(Collection<String> documentKeys) {
        return edges(GraphNames.DOCUMENT, documentKeys, GraphNames.MENTIONS, true).stream()
                .map(e -> DocumentRows.mention(e.getKey(), e.getValue())).toList();
    }

    @Override
    public List<Mention> mentionsOf(Collection<MentionTarget> targets) {
        List<Mention> out = new ArrayList<>();
        byKind(targets).forEach((kind, keys) -> edges(CatalogRows.label(kind), keys, GraphNames.MENTIONS, false)
                .forEach(e -> out.add(DocumentRows.mention(e.getKey(), e.getValue()))));
        return out;
    }

    @Override
    public List<PageLink> linksFrom(Collection<String> documentKeys) {
        return edges(GraphNames.DOCUMENT, documentKeys, "LINKS_TO", true).stream()
                .map(e -> DocumentRows.link(e.getKey(), e.getValue())).toList();
    }

    @Override
    public List<PageLink> linksTo(Collection<String> pageKeys) {
        return edges(GraphNames.DOCUMENT, pageKeys, "LINKS_TO", false).stream()
                .map(e -> DocumentRows.link(e.getKey(), e.getValue())).toList();
    }

    @Override
    public List<Term> terms() {
        return graph.read(g -> g.V().hasLabel("Term").elementMap().toList()).stream()
                .map(m -> DocumentRows.term(GremlinValues.properties(m))).toList();
    }

    @Override
    public List<Term> termsOfPages(Collection<String> pageKeys) {
        return graph.read(g -> Lookups.vertices(graph, g, GraphNames.TERM, pageKeys)).stream().map(DocumentRows::term)
                .toList();
    }

    @Override
    public <T> T write(Function<DocumentTransaction, T> work) {
        return graph.writeTraversal(w -> work.apply(new Transaction(graph, w)));
    }

    private List<Map<String, Object>> documentProperties(Collection<String> keys) {
        return graph.read(g -> Lookups.vertices(graph, g, GraphNames.DOCUMENT, keys));
    }

    /**
     * The edges labelled {@code edge} out of (or into) the vertices of {@code label} with these keys,
     * each with the key of the document at its start and its properties.
     */
    private List<Map.Entry<String, Map<String, Object>>> edges(Label label, Collection<String> keys, String edge,
                                                              boolean out) {
        return graph.read(g -> {
            List<Map.Entry<String, Map<String, Object>>> rows = new ArrayList<>();
            for (List<Object> chunk : Lookups.chunks(new ArrayList<>(graph.vertexIds(g, label, keys).values()), Lookups.IDS)) {
                GraphTraversal<Vertex, Vertex> start = g.V(chunk.toArray());
                GraphTraversal<Vertex, Edge> edges = out ? start.outE(edge) : start.inE(edge);
                for (Map<String, Object> r : edges.<Object>project("from", "p").by(outV().values("key"))
                        .by(valueMap()).toList()) {
                    rows.add(Map.entry(String.valueOf(r.get("from")), GremlinValues.properties((Map<?, ?>) r.get("p"))));
                }
            }
            return rows;
        });
    }

    private static Map<EntryKind, List<String>> byKind(Collection<MentionTarget> targets) {
        Map<EntryKind, List<String>> out = new EnumMap<>(EntryKind.class);
        targets.forEach(t -> out.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t.key()));
        return out;
    }

    /** One documentation transaction as traversals. */
    private static final class Transaction implements DocumentTransaction {

        private final GremlinGraph graph;
        private final GremlinWriter w;
        private final GraphTraversalSource g;

        Transaction(GremlinGraph graph, GremlinWriter w) {
            this.graph = graph;
            this.w = w;
            this.g = w.g();
        }

        @Override
        public Optional<StoredPage> pageFrom(String sourcePath) {
            return g.V().has("Document", "sourcePath", sourcePath).has("kind", DocumentRows.PAGE)
                    .elementMap("key", "fingerprint").tryNext().map(m -> {
                        Map<String, Object> p = GremlinValues.properties(m);
                        return new StoredPage(CatalogRows.str(p, "key"), CatalogRows.str(p, "fingerprint"));
                    });
        }

        @Override
        public Set<MentionTarget> mentionTargets(String pageKey) {
            Set<MentionTarget> out = new LinkedHashSet<>();
            g.V().has("Document", "page", pageKey).outE(GraphNames.MENTIONS).valueMap("kind", "target").toList()
                    .forEach(m -> {
                        Map<String, Object> p = GremlinValues.properties(m);
                        out.add(new MentionTarget(EntryKind.valueOf(CatalogRows.str(p, "kind")), CatalogRows.str(p, "target")));
                    });
            return out;
        }

        @Override
        public void clearPage(String pageKey) {
            List<Object> documents = g.V().has("Document", "page", pageKey).id().toList();
            if (!documents.isEmpty()) {
                Object[] ids = documents.toArray();
                List<Object> bare = g.V(ids).out("LINKS_TO").not(__.has("kind")).id().dedup().toList();
                g.V(ids).outE(GraphNames.MENTIONS, "LINKS_TO").drop().iterate();
                g.V(ids).has("kind", DocumentRows.SECTION).drop().iterate();
                if (!bare.isEmpty()) {
                    g.V(bare.toArray()).not(__.inE("LINKS_TO")).drop().iterate();
                }
            }
            g.V().has("Term", "key", pageKey).drop().iterate();
        }

        @Override
        public void writeDocuments(String fingerprint, List<Document> documents) {
            w.upsertNodes(GraphNames.DOCUMENT, documents.stream().map(d -> DocumentRows.document(d, fingerprint)).toList());
            List<RelationshipRow> parents = documents.stream().filter(d -> d.parent().isPresent())
                    .map(d -> RelationshipRow.of(d.parent().get().value(), d.key().value())).toList();
            if (!parents.isEmpty()) {
                w.upsertRelationships(GraphNames.HAS_SECTION, parents);
            }
        }

        @Override
        public void writeTerm(Term term) {
            w.upsertNodes(GraphNames.TERM, List.of(DocumentRows.term(term)));
            w.upsertRelationships(GraphNames.DEFINES, List.of(RelationshipRow.of(term.document().value(),
                    term.document().value())));
        }

        @Override
        public void writeMentions(List<Mention> mentions) {
            Map<String, Object> from = graph.vertexIds(g, GraphNames.DOCUMENT,
                    mentions.stream().map(m -> m.from().value()).toList());
            Map<EntryKind, Map<String, Object>> targets = new EnumMap<>(EntryKind.class);
            byKind(mentions.stream().map(Mention::target).toList()).forEach((kind, keys) ->
                    targets.put(kind, graph.vertexIds(g, CatalogRows.label(kind), keys)));
            List<Object[]> edges = new ArrayList<>();
            for (Mention m : mentions) {
                Object a = from.get(m.from().value());
                Object b = targets.get(m.target().kind()).get(m.target().key());
                if (a != null && b != null) {
                    edges.add(new Object[] {a, b, DocumentRows.mention(m)});
                }
            }
            addEdges(GraphNames.MENTIONS, edges);
        }

        @Override
        public void writeLinks(List<PageLink> links) {
            if (links.isEmpty()) {
                return;
            }
            Set<String> pages = new LinkedHashSet<>();
            links.forEach(l -> pages.add(l.to().page().value()));
            Map<String, Object> known = graph.vertexIds(g, GraphNames.DOCUMENT, pages);
            List<Map<String, Object>> bare = pages.stream().filter(p -> !known.containsKey(p))
                    .map(p -> Map.<String, Object>of("key", p)).toList();
            if (!bare.isEmpty()) {
                w.upsertNodes(GraphNames.DOCUMENT, bare);
            }
            Set<String> ends = new LinkedHashSet<>(pages);
            links.forEach(l -> ends.add(l.from().value()));
            Map<String, Object> ids = graph.vertexIds(g, GraphNames.DOCUMENT, ends);
            List<Object[]> edges = new ArrayList<>();
            for (PageLink l : links) {
                Object a = ids.get(l.from().value());
                if (a != null) {
                    edges.add(new Object[] {a, ids.get(l.to().page().value()), DocumentRows.link(l)});
                }
            }
            addEdges("LINKS_TO", edges);
        }

        @Override
        public void deletePage(String pageKey) {
            Optional<Object> id = g.V().has("Document", "key", pageKey).id().tryNext();
            if (id.isEmpty()) {
                return;
            }
            if (g.V(id.get()).inE("LINKS_TO").hasNext()) {
                g.V(id.get()).properties().not(__.hasKey("key")).drop().iterate();
            } else {
                g.V(id.get()).drop().iterate();
            }
        }

        /** Adds edges {from id, to id, properties}, chained {@link GremlinGraph#rowsPerTraversal()} a traversal. */
        @SuppressWarnings("unchecked")
        private void addEdges(String label, List<Object[]> edges) {
            for (List<Object[]> chunk : Lookups.chunks(edges, graph.rowsPerTraversal())) {
                GraphTraversal<?, ?> t = null;
                for (Object[] e : chunk) {
                    t = t == null ? g.V(e[0]) : t.V(e[0]);
                    t = t.addE(label).to(__.V(e[1]));
                    for (Map.Entry<String, Object> p : ((Map<String, Object>) e[2]).entrySet()) {
                        if (p.getValue() != null) {
                            t = t.property(p.getKey(), GremlinValues.encode(p.getValue()));
                        }
                    }
                }
                t.iterate();
            }
        }
    }
}

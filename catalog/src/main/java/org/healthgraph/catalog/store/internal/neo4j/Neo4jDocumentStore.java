package org.healthgraph.catalog.store.internal.neo4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
import org.healthgraph.graph.neo4j.CypherWriter;
import org.healthgraph.graph.neo4j.Neo4jGraph;

/** The documentation store on Neo4j: parameterised Cypher, one statement per read, {@code UNWIND} writes. */
public final class Neo4jDocumentStore implements DocumentStore {

    static final List<Label> LABELS = List.of(GraphNames.DOCUMENT, GraphNames.TERM);
    /** A page's documents are found by their {@code page}, a file's page by its {@code sourcePath}. */
    static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(GraphNames.DOCUMENT, "page"),
            new PropertyIndex(GraphNames.DOCUMENT, "sourcePath"));

    private final Neo4jGraph graph;

    public Neo4jDocumentStore(Neo4jGraph graph) {
        this.graph = graph;
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.NEO4J;
    }

    @Override
    public void ensureSchema() {
        graph.ensureSchema(LABELS, INDEXES);
    }

    @Override
    public DocumentationStats stats() {
        Map<String, Object> docs = graph.read("MATCH (d:Document) WHERE d.kind IS NOT NULL RETURN"
                + " sum(CASE d.kind WHEN 'page' THEN 1 ELSE 0 END) AS pages,"
                + " sum(CASE d.kind WHEN 'section' THEN 1 ELSE 0 END) AS sections", Map.of()).getFirst();
        long mentions = count("MATCH (:Document)-[m:MENTIONS]->() RETURN count(m) AS n");
        long links = count("MATCH (:Document)-[l:LINKS_TO]->() RETURN count(l) AS n");
        return new DocumentationStats(number(docs.get("pages")), number(docs.get("sections")), graph.count(GraphNames.TERM),
                mentions, links);
    }

    @Override
    public List<Document> documents(Collection<String> keys) {
        return graph.read("MATCH (d:Document) WHERE d.key IN $keys AND d.kind IS NOT NULL RETURN properties(d) AS p",
                keys(keys), r -> DocumentRows.document(props(r)));
    }

    @Override
    public List<Document> documentsOfPages(Collection<String> pageKeys) {
        return graph.read("MATCH (d:Document) WHERE d.page IN $keys AND d.kind IS NOT NULL RETURN properties(d) AS p",
                keys(pageKeys), r -> DocumentRows.document(props(r)));
    }

    @Override
    public List<String> pageKeys() {
        return graph.read("MATCH (d:Document) WHERE d.kind = 'page' RETURN d.key AS k ORDER BY k", Map.of(),
                r -> (String) r.get("k"));
    }

    @Override
    public Map<String, String> fingerprintsOfPages(Collection<String> pageKeys) {
        return pairs("MATCH (d:Document) WHERE d.key IN $keys AND d.kind = 'page' RETURN d.key AS k, d.fingerprint AS v",
                keys(pageKeys));
    }

    @Override
    public Map<String, String> fingerprints() {
        return pairs("MATCH (d:Document) WHERE d.kind = 'page' RETURN d.sourcePath AS k, d.fingerprint AS v ORDER BY k",
                Map.of());
    }

    @Override
    public List<Mention> mentionsFrom(Collection<String> documentKeys) {
        return graph.read("MATCH (d:Document)-[m:MENTIONS]->() WHERE d.key IN $keys RETURN d.key AS from, properties(m) AS p",
                keys(documentKeys), r -> DocumentRows.mention((String) r.get("from"), props(r)));
    }

    @Override
    public List<Mention> mentionsOf(Collection<MentionTarget> targets) {
        List<Mention> out = new ArrayList<>();
        byKind(targets).forEach((kind, keys) -> {
            Label label = CatalogRows.label(kind);
            out.addAll(graph.read("MATCH (t:" + label.name() + ") WHERE t." + label.keyProperty() + " IN $keys"
                    + " MATCH (d:Document)-[m:MENTIONS]->(t) RETURN d.key AS from, properties(m) AS p", keys(keys),
                    r -> DocumentRows.mention((String) r.get("from"), props(r))));
        });
        return out;
    }

    @Override
    public List<PageLink> linksFrom(Collection<String> documentKeys) {
        return graph.read("MATCH (d:Document)-[l:LINKS_TO]->() WHERE d.key IN $keys RETURN d.key AS from, properties(l) AS p",
                keys(documentKeys), r -> DocumentRows.link((String) r.get("from"), props(r)));
    }

    @Override
    public List<PageLink> linksTo(Collection<String> pageKeys) {
        return graph.read("MATCH (p:Document) WHERE p.key IN $keys MATCH (d:Document)-[l:LINKS_TO]->(p)"
                + " WHERE d.kind IS NOT NULL RETURN d.key AS from, properties(l) AS p", keys(pageKeys),
                r -> DocumentRows.link((String) r.get("from"), props(r)));
    }

    @Override
    public List<Term> terms() {
        return graph.read("MATCH (t:Term) RETURN properties(t) AS p", Map.of(), r -> DocumentRows.term(props(r)));
    }

    @Override
    public List<Term> termsOfPages(Collection<String> pageKeys) {
        return graph.read("MATCH (t:Term) WHERE t.key IN $keys RETURN properties(t) AS p", keys(pageKeys),
                r -> DocumentRows.term(props(r)));
    }

    @Override
    public <T> T write(Function<DocumentTransaction, T> work) {
        return graph.writeCypher(w -> work.apply(new Transaction(w)));
    }

    static Map<EntryKind, List<String>> byKind(Collection<MentionTarget> targets) {
        Map<EntryKind, List<String>> out = new EnumMap<>(EntryKind.class);
        targets.forEach(t -> out.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t.key()));
        return out;
    }

    private long count(String statement) {
        return number(graph.read(statement, Map.of()).getFirst().get("n"));
    }

    private Map<String, String> pairs(String statement, Map<String, Object> params) {
        Map<String, String> out = new LinkedHashMap<>();
        graph.read(statement, params).forEach(r -> out.put((String) r.get("k"), r.get("v") == null ? "" : (String) r.get("v")));
        return out;
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static Map<String, Object> keys(Collection<String> keys) {
        return Map.of("keys", keys.stream().distinct().toList());
    }

    private static Map<String, Object> props(Map<String, Object> record) {
        return Neo4jCatalogStore.props(record);
    }

    /** One documentation transaction in Cypher. */
    private static final class Transaction implements DocumentTransaction {

        private final CypherWriter w;

        Transaction(CypherWriter w) {
            this.w = w;
        }

        @Override
        public Optional<StoredPage> pageFrom(String sourcePath) {
            return w.run("MATCH (d:Document {sourcePath: $path}) WHERE d.kind = 'page' RETURN d.key AS k, d.fingerprint AS f",
                    Map.of("path", sourcePath)).stream()
                    .map(r -> new StoredPage((String) r.get("k"), r.get("f") == null ? "" : (String) r.get("f"))).findFirst();
        }

        @Override
        public Set<MentionTarget> mentionTargets(String pageKey) {
            Set<MentionTarget> out = new LinkedHashSet<>();
            w.run("MATCH (d:Document {page: $page})-[m:MENTIONS]->() RETURN DISTINCT m.kind AS kind, m.target AS target",
                    Map.of("page", pageKey)).forEach(r -> out.add(new MentionTarget(EntryKind.valueOf((String) r.get("kind")),
                    (String) r.get("target"))));
            return out;
        }

        @Override
        public void clearPage(String pageKey) {
            Map<String, Object> page = Map.of("page", pageKey);
            List<String> bare = w.run("MATCH (d:Document {page: $page})-[:LINKS_TO]->(t:Document) WHERE t.kind IS NULL"
                    + " RETURN DISTINCT t.key AS k", page).stream().map(r -> (String) r.get("k")).toList();
            w.run("MATCH (d:Document {page: $page})-[r:MENTIONS|LINKS_TO]->() DELETE r", page);
            w.run("MATCH (t:Term {key: $page}) DETACH DELETE t", page);
            w.run("MATCH (s:Document {page: $page}) WHERE s.kind = 'section' DETACH DELETE s", page);
            if (!bare.isEmpty()) {
                w.run("MATCH (t:Document) WHERE t.key IN $keys AND t.kind IS NULL AND NOT ()-[:LINKS_TO]->(t) DELETE t",
                        Map.of("keys", bare));
            }
        }

        @Override
        public void writeDocuments(String fingerprint, List<Document> documents) {
            List<Map<String, Object>> rows = documents.stream().map(d -> DocumentRows.document(d, fingerprint)).toList();
            w.run("UNWIND $rows AS r MERGE (d:Document {key: r.key}) SET d += r", Map.of("rows", rows));
            List<Map<String, Object>> parents = documents.stream().filter(d -> d.parent().isPresent())
                    .map(d -> Map.<String, Object>of("p", d.parent().get().value(), "s", d.key().value())).toList();
            if (!parents.isEmpty()) {
                w.run("UNWIND $rows AS r MATCH (p:Document {key: r.p}) MATCH (s:Document {key: r.s})"
                        + " MERGE (p)-[:HAS_SECTION]->(s)", Map.of("rows", parents));
            }
        }

        @Override
        public void writeTerm(Term term) {
            w.run("MATCH (p:Document {key: $page}) MERGE (t:Term {key: $page}) SET t += $row MERGE (p)-[:DEFINES]->(t)",
                    Map.of("page", term.document().value(), "row", DocumentRows.term(term)));
        }

        @Override
        public void writeMentions(List<Mention> mentions) {
            Map<EntryKind, List<Map<String, Object>>> rows = new EnumMap<>(EntryKind.class);
            for (Mention m : mentions) {
                rows.computeIfAbsent(m.target().kind(), k -> new ArrayList<>()).add(Map.of("from", m.from().value(),
                        "target", m.target().key(), "props", DocumentRows.mention(m)));
            }
            rows.forEach((kind, r) -> {
                Label label = CatalogRows.label(kind);
                w.run("UNWIND $rows AS r MATCH (d:Document {key: r.from}) MATCH (t:" + label.name() + " {"
                        + label.keyProperty() + ": r.target}) CREATE (d)-[m:MENTIONS]->(t) SET m = r.props", Map.of("rows", r));
            });
        }

        @Override
        public void writeLinks(List<PageLink> links) {
            if (links.isEmpty()) {
                return;
            }
            List<Map<String, Object>> rows = links.stream().map(l -> Map.<String, Object>of("from", l.from().value(),
                    "page", l.to().page().value(), "props", DocumentRows.link(l))).toList();
            w.run("UNWIND $rows AS r MATCH (d:Document {key: r.from}) MERGE (p:Document {key: r.page})"
                    + " CREATE (d)-[l:LINKS_TO]->(p) SET l = r.props", Map.of("rows", rows));
        }

        @Override
        public void deletePage(String pageKey) {
            Map<String, Object> page = Map.of("page", pageKey);
            w.run("MATCH (p:Document {key: $page}) WHERE NOT ()-[:LINKS_TO]->(p) DETACH DELETE p", page);
            w.run("MATCH (p:Document {key: $page}) SET p = {key: $page}", page);
        }
    }
}

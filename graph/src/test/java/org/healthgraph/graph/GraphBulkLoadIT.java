package org.healthgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk load on its own embedded databases: copies what was there, and changes nothing when it fails. */
class GraphBulkLoadIT {

    @TempDir
    Path dataDir;

    /** Two new Code nodes (keys {@code T:1}, {@code T:2}, or twice {@code T:1}) linked to the existing Nomenclature. */
    private static final class Codes implements BulkSource {
        private final boolean duplicate;
        private final boolean failing;
        private long first;
        private long nomenclature;

        Codes(boolean duplicate, boolean failing) {
            this.duplicate = duplicate;
            this.failing = failing;
        }

        @Override
        public void prepare(ExistingNodes existing) {
            first = existing.firstFreeId();
            nomenclature = existing.find(GraphNames.NOMENCLATURE, "T").orElseThrow();
        }

        @Override
        public int nodeChunks() {
            return 1;
        }

        @Override
        public void nodes(int chunk, NodeSink sink) {
            if (failing) {
                throw new IllegalStateException("the source broke");
            }
            sink.node(first, new String[] {"Code"}, new String[] {"key", "label"}, new Object[] {"T:1", "un"});
            sink.node(first + 1, new String[] {"Code"}, new String[] {"key", "label"},
                    new Object[] {duplicate ? "T:1" : "T:2", null});
        }

        @Override
        public int relationshipChunks() {
            return 1;
        }

        @Override
        public void relationships(int chunk, RelationshipSink sink) {
            sink.relationship(nomenclature, "HAS_CODE", first, new String[] {"since"}, new Object[] {2024L});
            sink.relationship(nomenclature, "HAS_CODE", first + 1, new String[0], new Object[0]);
        }

        @Override
        public long estimatedNodes() {
            return 2;
        }

        @Override
        public long estimatedRelationships() {
            return 2;
        }
    }

    private void seed() {
        try (GraphStore opened = GraphStores.open(GraphSettings.embedded(dataDir))) {
            Neo4jGraph store = Neo4jGraph.require(opened, "this test");
            store.ensureSchema(List.of(GraphNames.NOMENCLATURE, GraphNames.CODE), List.of());
            store.writeCypher(w -> w.run("CREATE (:Nomenclature {name: 'T', tags: ['a', 'b']})-[:HAS_CODE {since: 2020}]->"
                    + "(:Code {key: 'T:0', label: 'zéro', at: date('2024-02-29')})", Map.of()));
            store.writeCypher(w -> w.run("CREATE TEXT INDEX code_label_text IF NOT EXISTS FOR (c:Code) ON (c.label)", Map.of()));
        }
    }

    /** The T nomenclature's codes, then the indexes (one database start for both: each takes seconds). */
    private List<String> state() {
        try (GraphStore opened = GraphStores.open(GraphSettings.embedded(dataDir))) {
            Neo4jGraph store = Neo4jGraph.require(opened, "this test");
            List<String> out = new java.util.ArrayList<>(store.read("MATCH (n:Nomenclature {name: 'T'})-[r:HAS_CODE]->(c:Code)"
                    + " RETURN c.key + ' ' + coalesce(c.label, '-') + ' ' + coalesce(toString(r.since), '-') + ' '"
                    + " + coalesce(toString(c.at), '-') + ' ' + reduce(s = '', t IN n.tags | s + t) AS line ORDER BY line",
                    Map.of()).stream().map(r -> (String) r.get("line")).toList());
            out.addAll(store.read("SHOW INDEXES YIELD name, type, state WHERE type <> 'LOOKUP'"
                    + " RETURN 'index ' + name + ' ' + type + ' ' + state AS s ORDER BY s", Map.of())
                    .stream().map(r -> (String) r.get("s")).toList());
            return out;
        }
    }

    @Test
    void carriesTheExistingGraphAndItsSchemaIntoTheNewStore() {
        seed();
        var report = GraphBulkLoad.loadIfAbsent(dataDir, GraphNames.PATIENT, new Codes(false, false),
                List.of(GraphNames.PATIENT), List.of(), line -> { });
        assertThat(report).hasValueSatisfying(r -> assertThat(r.copiedNodes()).isEqualTo(2));
        assertThat(state()).containsExactly("T:0 zéro 2020 2024-02-29 ab", "T:1 un 2024 - ab", "T:2 - - - ab",
                "index code_key_unique RANGE ONLINE", "index code_label_text TEXT ONLINE",
                "index nomenclature_name_unique RANGE ONLINE", "index patient_id_unique RANGE ONLINE");
        assertThat(dataDir.resolve("neo4j-bulk")).doesNotExist();
    }

    @Test
    void aLoadThatFailsLeavesThePreviousDatabaseAsItWasAndCanBeReRun() {
        seed();
        // fails while the importer reads the source, before any swap
        assertThatThrownBy(() -> GraphBulkLoad.loadIfAbsent(dataDir, GraphNames.PATIENT, new Codes(false, true),
                List.of(), List.of(), line -> { })).isInstanceOf(GraphStoreException.class).hasMessageContaining("unchanged");
        // fails after the swap, when the key constraint meets two codes T:1: the old store is put back
        assertThatThrownBy(() -> GraphBulkLoad.loadIfAbsent(dataDir, GraphNames.PATIENT, new Codes(true, false),
                List.of(), List.of(), line -> { })).isInstanceOf(GraphStoreException.class).hasMessageContaining("put back");
        assertThat(state()).containsExactly("T:0 zéro 2020 2024-02-29 ab", "index code_key_unique RANGE ONLINE",
                "index code_label_text TEXT ONLINE", "index nomenclature_name_unique RANGE ONLINE");
        assertThat(dataDir.resolve("neo4j-bulk")).doesNotExist();
        // and a correct load then goes through
        assertThat(GraphBulkLoad.loadIfAbsent(dataDir, GraphNames.PATIENT, new Codes(false, false), List.of(), List.of(),
                line -> { })).isPresent();
        assertThat(state()).hasSize(3 + 3);
    }

    @Test
    void leavesAGraphThatHoldsTheLabelAlreadyAlone() {
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(dataDir))) {
            Neo4jGraph.require(store, "this test").writeCypher(w -> w.run("CREATE (:Patient {id: 'x'}), (:Nomenclature {name: 'T'})", Map.of()));
        }
        assertThat(GraphBulkLoad.loadIfAbsent(dataDir, GraphNames.PATIENT, new Codes(false, false), List.of(), List.of(),
                line -> { })).isEmpty();
        assertThat(Files.exists(dataDir.resolve("neo4j-bulk"))).isFalse();
    }
}

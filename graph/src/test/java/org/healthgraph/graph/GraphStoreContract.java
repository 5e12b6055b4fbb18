package org.healthgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What every {@link GraphStore} adapter must do, whatever the backend: run on Neo4j
 * ({@code Neo4jGraphStoreIT}), the embedded TinkerGraph ({@code TinkerGraphStoreIT}) and a Gremlin
 * Server in its own JVM ({@code GremlinServerStoreIT}). Subclasses provide a store whose schema has
 * been set up for {@link GraphNames#LABELS}; tests use unique keys so that they can share it.
 */
public abstract class GraphStoreContract {

    protected abstract GraphStore store();

    protected abstract String unique(String prefix);

    private Map<String, Object> table(String name, String title) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", name);
        row.put("title", title);
        return row;
    }

    @Test
    void upsertingTheSameNodesTwiceLeavesOneNodeEachWithTheLastValues() {
        String a = unique("T_A");
        String b = unique("T_B");
        long before = store().count(GraphNames.TABLE);

        WriteResult first = store().upsertNodes(GraphNames.TABLE, List.of(table(a, "first"), table(b, "first")));
        WriteResult second = store().upsertNodes(GraphNames.TABLE, List.of(table(a, "second"), table(b, "first")));

        assertThat(first.nodesCreated()).isEqualTo(2);
        assertThat(second.nodesCreated()).isZero();
        assertThat(store().count(GraphNames.TABLE)).isEqualTo(before + 2);
        assertThat(store().find(NodeRef.of(GraphNames.TABLE, a)).flatMap(n -> n.string("title"))).contains("second");
    }

    @Test
    void upsertingTheSameRelationshipTwiceLeavesOne() {
        String a = unique("T_A");
        String b = unique("T_B");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, "a"), table(b, "b")));
        var row = new RelationshipRow(a, b, Map.of("from", List.of("K1"), "to", List.of("K2")));

        WriteResult first = store().upsertRelationships(GraphNames.JOINS, List.of(row));
        WriteResult second = store().upsertRelationships(GraphNames.JOINS, List.of(row));

        assertThat(first.relationshipsCreated()).isEqualTo(1);
        assertThat(second.relationshipsCreated()).isZero();
        var hood = store().neighbourhood(NodeRef.of(GraphNames.TABLE, a), Set.of(GraphNames.JOINS), 1, 10);
        assertThat(hood.relationships()).hasSize(1);
        assertThat(hood.relationships().getFirst().properties()).containsEntry("to", List.of("K2"));
    }

    @Test
    void batchesLargerThanOneTransactionAreAllWritten() {
        String prefix = unique("B");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 12_345; i++) {
            rows.add(table(prefix + "_" + i, "t" + i));
        }
        long before = store().count(GraphNames.TABLE);

        store().upsertNodes(GraphNames.TABLE, rows);

        assertThat(store().count(GraphNames.TABLE)).isEqualTo(before + 12_345);
        assertThat(store().findAll(GraphNames.TABLE, List.of(prefix + "_0", prefix + "_12344", "absent"))).hasSize(2);
    }

    @Test
    void aRelationshipToAMissingNodeIsRejectedNamingTheMissingKey() {
        String a = unique("T_A");
        String missing = unique("T_MISSING");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, "a")));

        assertThatThrownBy(() -> store().upsertRelationships(GraphNames.JOINS, List.of(RelationshipRow.of(a, missing))))
                .isInstanceOf(ConstraintViolationException.class)
                .hasMessageContaining(missing);
        assertThat(store().neighbourhood(NodeRef.of(GraphNames.TABLE, a), Set.of(), 1, 10).relationships()).isEmpty();
    }

    @Test
    void aPatientKeyIsNeverQuotedInAnError() {
        String patient = unique("P");
        assertThatThrownBy(() -> store().upsertRelationships(GraphNames.HAS_ALIAS,
                List.of(RelationshipRow.of(patient, "SYS:1"))))
                .isInstanceOf(ConstraintViolationException.class)
                .hasMessageNotContaining(patient);
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        String a = unique("T_RB");
        String b = unique("T_RB");
        long before = store().count(GraphNames.TABLE);

        assertThatThrownBy(() -> store().write(w -> {
            w.upsertNodes(GraphNames.TABLE, List.of(table(a, "a"), table(b, "b")));
            w.upsertRelationships(GraphNames.JOINS, List.of(RelationshipRow.of(a, b)));
            throw new IllegalStateException("boom after the writes");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store().find(NodeRef.of(GraphNames.TABLE, a))).isEmpty();
        assertThat(store().count(GraphNames.TABLE)).isEqualTo(before);
    }

    @Test
    void shortestPathsFollowRelationshipsInEitherDirection() {
        // a -> b -> c, and a -> d -> e -> c: the shortest path from c to a has two hops, through b.
        String a = unique("A");
        String b = unique("B");
        String c = unique("C");
        String d = unique("D");
        String e = unique("E");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, ""), table(b, ""), table(c, ""), table(d, ""), table(e, "")));
        store().upsertRelationships(GraphNames.JOINS, List.of(RelationshipRow.of(a, b), RelationshipRow.of(b, c),
                RelationshipRow.of(a, d), RelationshipRow.of(d, e), RelationshipRow.of(e, c)));

        List<GraphPath> paths = store().shortestPaths(NodeRef.of(GraphNames.TABLE, c), NodeRef.of(GraphNames.TABLE, a),
                Set.of(GraphNames.JOINS), 5);

        assertThat(paths).hasSize(1);
        assertThat(paths.getFirst().nodes()).extracting(n -> n.ref().key()).containsExactly(c, b, a);
        assertThat(paths.getFirst().hops()).extracting(GraphRelationship::type).containsOnly("JOINS");
    }

    @Test
    void shortestPathsRespectTheHopLimitAndSayWhenThereIsNone() {
        String a = unique("A");
        String b = unique("B");
        String c = unique("C");
        String lonely = unique("L");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, ""), table(b, ""), table(c, ""), table(lonely, "")));
        store().upsertRelationships(GraphNames.JOINS, List.of(RelationshipRow.of(a, b), RelationshipRow.of(b, c)));

        assertThat(store().shortestPaths(NodeRef.of(GraphNames.TABLE, a), NodeRef.of(GraphNames.TABLE, c),
                Set.of(GraphNames.JOINS), 1)).isEmpty();
        assertThat(store().shortestPaths(NodeRef.of(GraphNames.TABLE, a), NodeRef.of(GraphNames.TABLE, lonely),
                Set.of(GraphNames.JOINS), 5)).isEmpty();
        assertThat(store().shortestPaths(NodeRef.of(GraphNames.TABLE, a), NodeRef.of(GraphNames.TABLE, c),
                Set.of(GraphNames.JOINS), 2)).hasSize(1);
    }

    @Test
    void allShortestPathsAreReturnedWhenThereAreSeveral() {
        String a = unique("A");
        String b1 = unique("B1");
        String b2 = unique("B2");
        String c = unique("C");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, ""), table(b1, ""), table(b2, ""), table(c, "")));
        store().upsertRelationships(GraphNames.JOINS, List.of(RelationshipRow.of(a, b1), RelationshipRow.of(b1, c),
                RelationshipRow.of(a, b2), RelationshipRow.of(b2, c)));

        assertThat(store().shortestPaths(NodeRef.of(GraphNames.TABLE, a), NodeRef.of(GraphNames.TABLE, c),
                Set.of(GraphNames.JOINS), 4)).hasSize(2);
    }

    @Test
    void deletingNodesRemovesThemWithTheirRelationships() {
        String a = unique("A");
        String b = unique("B");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, ""), table(b, "")));
        store().upsertRelationships(GraphNames.JOINS, List.of(RelationshipRow.of(a, b)));

        long deleted = store().write(w -> w.deleteNodes(GraphNames.TABLE, List.of(a, "absent")));

        assertThat(deleted).isEqualTo(1);
        assertThat(store().find(NodeRef.of(GraphNames.TABLE, a))).isEmpty();
        assertThat(store().neighbourhood(NodeRef.of(GraphNames.TABLE, b), Set.of(), 1, 10).relationships()).isEmpty();
    }

    @Test
    void propertyValuesComeBackAsPlainJavaValuesOfTheirType() {
        String a = unique("T_V");
        Map<String, Object> row = table(a, "titre");
        row.put("count", 7);
        row.put("ratio", 0.25);
        row.put("flag", true);
        row.put("keys", List.of("K1", "K2"));
        row.put("empty", List.of());
        row.put("since", LocalDate.of(2021, 3, 4));
        row.put("quoted", "a \"quoted\" \\ text");
        store().upsertNodes(GraphNames.TABLE, List.of(row));

        Map<String, Object> read = store().find(NodeRef.of(GraphNames.TABLE, a)).orElseThrow().properties();

        assertThat(read).containsEntry("title", "titre").containsEntry("count", 7L).containsEntry("ratio", 0.25)
                .containsEntry("flag", true).containsEntry("keys", List.of("K1", "K2")).containsEntry("empty", List.of())
                .containsEntry("since", LocalDate.of(2021, 3, 4)).containsEntry("quoted", "a \"quoted\" \\ text");
    }

    @Test
    void aNullValueRemovesThePropertyAndOthersAreKept() {
        String a = unique("T_N");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, "titre")));
        Map<String, Object> row = new HashMap<>();
        row.put("name", a);
        row.put("title", null);
        row.put("scope", "s");

        store().upsertNodes(GraphNames.TABLE, List.of(row));

        assertThat(store().find(NodeRef.of(GraphNames.TABLE, a)).orElseThrow().properties())
                .doesNotContainKey("title").containsEntry("scope", "s");
    }

    @Test
    void twoRowsWithOneKeyInABatchMakeOneNodeWithTheLaterValues() {
        String a = unique("T_TWICE");
        long before = store().count(GraphNames.TABLE);

        WriteResult result = store().upsertNodes(GraphNames.TABLE, List.of(table(a, "first"), table(a, "second")));

        assertThat(result.nodesCreated()).isEqualTo(1);
        assertThat(store().count(GraphNames.TABLE)).isEqualTo(before + 1);
        assertThat(store().find(NodeRef.of(GraphNames.TABLE, a)).flatMap(n -> n.string("title"))).contains("second");
    }

    @Test
    void concurrentUpsertsOfOneKeyLeaveOneNode() throws Exception {
        String a = unique("T_RACE");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<WriteResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String title = "t" + i;
                results.add(pool.submit(() -> store().upsertNodes(GraphNames.TABLE, List.of(table(a, title)))));
            }
            long created = 0;
            for (Future<WriteResult> r : results) {
                created += r.get(60, TimeUnit.SECONDS).nodesCreated();
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().findAll(GraphNames.TABLE, List.of(a))).hasSize(1);
    }

    @Test
    void theNeighbourhoodStopsAtItsDepthAndLimit() {
        // a - b - c - d in a line
        String a = unique("A");
        String b = unique("B");
        String c = unique("C");
        String d = unique("D");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, ""), table(b, ""), table(c, ""), table(d, "")));
        store().upsertRelationships(GraphNames.JOINS, List.of(RelationshipRow.of(a, b), RelationshipRow.of(c, b),
                RelationshipRow.of(c, d)));

        Neighbourhood two = store().neighbourhood(NodeRef.of(GraphNames.TABLE, a), Set.of(GraphNames.JOINS), 2, 10);
        Neighbourhood limited = store().neighbourhood(NodeRef.of(GraphNames.TABLE, a), Set.of(GraphNames.JOINS), 3, 2);

        assertThat(two.nodes()).extracting(n -> n.ref().key()).containsExactlyInAnyOrder(a, b, c);
        assertThat(two.relationships()).extracting(r -> r.from().key() + ">" + r.to().key())
                .containsExactlyInAnyOrder(a + ">" + b, c + ">" + b);
        assertThat(limited.nodes()).hasSize(2);
        assertThat(store().neighbourhood(NodeRef.of(GraphNames.TABLE, unique("ABSENT")), Set.of(), 1, 10).nodes()).isEmpty();
    }

    @Test
    void countsCountNodesByLabelAndRelationshipsByType() {
        long tables = store().count(GraphNames.TABLE);
        long joins = store().count(GraphNames.JOINS);
        String a = unique("A");
        String b = unique("B");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, ""), table(b, "")));
        store().upsertRelationships(GraphNames.JOINS, List.of(RelationshipRow.of(a, b)));

        assertThat(store().count(GraphNames.TABLE)).isEqualTo(tables + 2);
        assertThat(store().count(GraphNames.JOINS)).isEqualTo(joins + 1);
    }

    @Test
    void everyBackendSaysWhatItIsAndThatItsWritesAreAtomic() {
        assertThat(store().backend()).isNotNull();
        assertThat(store().supports(GraphCapability.ATOMIC_WRITES)).isTrue();
        // Anonymous callers are shown it: no address, port, path nor credentials.
        assertThat(store().describe()).isNotBlank().doesNotContain("password").doesNotContain("://")
                .doesNotContain("127.0.0.1").doesNotContain("localhost").doesNotContain("/tmp");
    }
}

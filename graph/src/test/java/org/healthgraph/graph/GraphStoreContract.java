package org.healthgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * What every {@link GraphStore} adapter must do. Subclasses provide a store whose schema has been
 * set up for {@link GraphNames#LABELS}; tests use unique keys so that they can share it.
 */
public abstract class GraphStoreContract {

    protected abstract GraphStore store();

    protected abstract String unique(String prefix);

    private Map<String, Object> table(String name, String title) {
        Map<String, Object> row = new java.util.HashMap<>();
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
    void aDuplicateKeyIsReportedAsAConstraintViolationNamingTheLabel() {
        String a = unique("T_DUP");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, "a")));

        assertThatThrownBy(() -> store().write(w -> w.run("CREATE (:Table {name: $n})", Map.of("n", a))))
                .isInstanceOf(ConstraintViolationException.class)
                .hasMessageContaining("Table")
                .hasMessageContaining("name");
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
    void readsReturnPlainJavaValues() {
        String a = unique("A");
        store().upsertNodes(GraphNames.TABLE, List.of(table(a, "titre")));

        List<Map<String, Object>> rows = store().read("MATCH (t:Table {name: $n}) RETURN t, t.title AS title, [1, 2] AS xs",
                Map.of("n", a));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("t")).isInstanceOf(Map.class);
            assertThat(r.get("title")).isEqualTo("titre");
            assertThat(r.get("xs")).isEqualTo(List.of(1L, 2L));
        });
    }
}

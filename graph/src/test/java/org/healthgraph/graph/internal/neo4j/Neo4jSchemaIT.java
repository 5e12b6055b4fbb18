package org.healthgraph.graph.internal.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.Test;

/** The schema statements over the embedded Neo4j: only what is missing is sent. */
class Neo4jSchemaIT {

    @Test
    void createsOnlyTheConstraintsAndIndexesThatAreMissing() {
        Neo4jGraphStore store = (Neo4jGraphStore) SharedNeo4j.store();
        Label label = new Label(SharedNeo4j.uniqueKey("SchemaProbe"), "key");
        PropertyIndex index = new PropertyIndex(label, "title");

        assertThat(store.createMissingSchema(List.of(label), List.of())).isEqualTo(1);
        assertThat(store.createMissingSchema(List.of(label), List.of(index))).isEqualTo(1);
        assertThat(store.createMissingSchema(List.of(label), List.of(index))).isZero();
    }
}

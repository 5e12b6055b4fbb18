package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.Test;

class GraphLinksIT {

    @Test
    void writesLinkedToFromRecordsToPatientsWithWeightMethodAndExplanationOnce() {
        GraphStore store = SharedNeo4j.store();
        String source = SharedNeo4j.uniqueKey("COHORT");
        String patient = SharedNeo4j.uniqueKey("P");
        store.upsertNodes(GraphNames.PATIENT, List.of(Map.of("id", patient)));
        List<Link> links = List.of(
                new Link("C1", patient, 0.998, 12.5, List.of(6.0, 6.5), "fellegi-sunter", Optional.empty()),
                new Link("C2", patient + "_NEW", 1.0, Double.POSITIVE_INFINITY, List.of(), "tiers:all", Optional.empty()));
        GraphLinks.write(store, source, links, List.of("nom", "date_naissance"));
        GraphLinks.write(store, source, links, List.of("nom", "date_naissance"));
        List<Map<String, Object>> rows = Neo4jGraph.require(store, "Cypher").read(
                "MATCH (r:Record)-[l:LINKED_TO]->(p:Patient) WHERE r.source = $source "
                        + "RETURN r.key AS record, p.id AS patient, l.weight AS weight, l.method AS method, "
                        + "l.explanation AS explanation ORDER BY record", Map.of("source", source));
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst()).containsEntry("record", source + ":C1").containsEntry("patient", patient)
                .containsEntry("weight", 12.5).containsEntry("method", "fellegi-sunter")
                .containsEntry("explanation", "nom=6.00, date_naissance=6.50");
        assertThat(rows.get(1)).containsEntry("method", "tiers:all").containsEntry("weight", null);
    }
}

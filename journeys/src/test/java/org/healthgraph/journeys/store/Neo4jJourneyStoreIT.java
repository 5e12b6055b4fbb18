package org.healthgraph.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.journeys.CodePattern;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.IndexEvent;
import org.junit.jupiter.api.Test;

/** The journey store contract on the embedded Neo4j over Bolt, and what only Neo4j offers: the Cypher cross-check. */
class Neo4jJourneyStoreIT extends JourneyStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedNeo4j.store();
    }

    @Test
    void theBackendIsNeo4jAndItCrossChecksCohortsInCypher() {
        String atc = "Y" + unique("").substring(1, 7);
        store().write(List.of(patient(unique("P"), drug(0, atc, 1)), patient(unique("P"), drug(3, atc, 1), drug(9, atc, 1))));
        CohortQuery query = new CohortQuery(new IndexEvent(new EventCriterion(Set.of(EventType.DRUG_DISPENSING),
                List.of(new CodePattern("ATC", atc)), Set.of(), null, null), IndexEvent.Occurrence.FIRST, 0, 0),
                List.of(), null, 1);

        CohortCrossCheck cypher = store().crossCheck().orElseThrow();

        assertThat(store().backend()).isEqualTo("neo4j");
        assertThat(cypher.rawAttrition(query)).containsExactly(2);
        assertThat(cypher.patientIds(query, 0, 10)).hasSize(2);
        assertThat(cypher.statement(query)).contains("MATCH (p:Patient)-[:HAD]->(a:CareEvent)");
    }
}

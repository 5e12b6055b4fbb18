package org.healthgraph.importers.snds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.Condition;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.InclusionRule;
import org.healthgraph.journeys.IndexEvent;
import org.healthgraph.journeys.Journeys;
import org.healthgraph.journeys.PatientJourney;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same generated extract loaded into two databases holding the same small catalog, once by
 * transactions and once by the bulk load: the two graphs, their schemas and the answers are the same.
 */
class SndsExtractBulkLoadIT {

    @TempDir
    Path dir;

    private static final CohortQuery MI_STATIN = CohortQuery.of(
            new IndexEvent(EventCriterion.of(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I21").withRoles(CodeRole.PRINCIPAL),
                    IndexEvent.Occurrence.FIRST, 0, 0),
            List.of(new InclusionRule("statin within 30 days after discharge", Condition.after(
                    EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA"), Condition.INDEX,
                    Condition.Side.END, 0, 30))));

    /** A catalog with one of the statins the generator dispenses, a nomenclature and a dataset, plus a text index. */
    private static void seedCatalog(GraphStore store) {
        store.ensureSchema(GraphNames.LABELS, List.of());
        Neo4jGraph.require(store, "Cypher").writeCypher(w -> w.run("""
                CREATE (d:Dataset {name: 'DCIR'})-[:HAS_TABLE]->(:Table {name: 'ER_PHA_F', label: 'Prestations de pharmacie'})
                CREATE (n:Nomenclature {name: 'ATC'})-[:HAS_CODE]->(:Code {key: 'ATC:C10AA05', code: 'C10AA05',
                        nomenclature: 'ATC', label: 'atorvastatine'})
                CREATE (n)-[:HAS_CODE]->(:Code {key: 'ATC:A10BA02', code: 'A10BA02', nomenclature: 'ATC', label: 'metformine'})
                CREATE (:Nomenclature {name: 'IR_CIM_V'})
                """, Map.of()));
        Neo4jGraph.require(store, "Cypher").writeCypher(w -> w.run("CREATE TEXT INDEX code_label_text IF NOT EXISTS FOR (c:Code) ON (c.label)", Map.of()));
    }

    /** Every node and relationship, as sorted text (nodes named by their labels and properties). */
    private static List<String> dump(GraphStore store) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : Neo4jGraph.require(store, "Cypher").read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p", Map.of())) {
            out.add(node(r.get("l"), r.get("p")));
        }
        for (Map<String, Object> r : Neo4jGraph.require(store, "Cypher").read("MATCH (a)-[r]->(b) RETURN labels(a) AS la, properties(a) AS pa,"
                + " type(r) AS t, properties(r) AS pr, labels(b) AS lb, properties(b) AS pb", Map.of())) {
            out.add(node(r.get("la"), r.get("pa")) + " -[" + r.get("t") + " " + canonical(r.get("pr")) + "]-> "
                    + node(r.get("lb"), r.get("pb")));
        }
        out.sort(null);
        return out;
    }

    private static String node(Object labels, Object props) {
        List<String> l = new ArrayList<>(((List<?>) labels).stream().map(String::valueOf).toList());
        l.sort(null);
        return l + canonical(props);
    }

    private static String canonical(Object props) {
        Map<String, String> m = new TreeMap<>();
        // The journeys stamp's token is random: each load has its own.
        ((Map<?, ?>) props).forEach((k, v) -> m.put(String.valueOf(k), v.getClass().getSimpleName() + ":"
                + ("token".equals(k) ? "(random)" : v)));
        return m.toString();
    }

    private static List<String> schema(GraphStore store) {
        return Neo4jGraph.require(store, "Cypher").read("SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint"
                + " RETURN name, type, labelsOrTypes, properties, owningConstraint ORDER BY name", Map.of()).stream()
                .map(r -> r.get("name") + " " + r.get("type") + " " + r.get("labelsOrTypes") + r.get("properties") + " "
                        + r.get("owningConstraint"))
                .toList();
    }

    @Test
    void theBulkLoadBuildsTheSameGraphAsTheTransactionalImport() {
        Path extract = dir.resolve("extract");
        new SndsExtractGenerator(11).generate(300, extract);
        List<PatientJourney> patients = new SndsExtractImporter().read(extract).patients();
        Path viaTransactions = dir.resolve("tx");
        Path viaBulk = dir.resolve("bulk");
        List<String> expected;
        List<String> expectedSchema;
        long[] expectedAnswer;
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(viaTransactions))) {
            seedCatalog(store);
            Journeys journeys = Journeys.open(store);
            journeys.importPatients(patients);
            expected = dump(store);
            expectedSchema = schema(store);
            expectedAnswer = journeys.rawAttrition(MI_STATIN);
        }
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(viaBulk))) {
            seedCatalog(store);
        }
        assertThat(Journeys.bulkLoad(viaBulk, patients, line -> { })).hasValueSatisfying(r -> {
            assertThat(r.patients()).isEqualTo(300);
            assertThat(r.events()).isEqualTo(patients.stream().mapToLong(p -> p.events().size()).sum());
        });
        // a second bulk load finds patients and leaves them to the transactional import
        assertThat(Journeys.bulkLoad(viaBulk, patients, line -> { })).isEmpty();
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(viaBulk))) {
            assertThat(dump(store)).hasSize(expected.size()).isEqualTo(expected);
            assertThat(schema(store)).isEqualTo(expectedSchema);
            assertThat(store.count(GraphNames.CODED_AS)).isPositive();
            Journeys reopened = Journeys.open(store);
            assertThat(reopened.rawAttrition(MI_STATIN)).containsExactly(expectedAnswer);
            assertThat(reopened.crossCheck(MI_STATIN)).containsExactly(expectedAnswer);
            assertThat(Journeys.openBulkLoaded(store, patients).rawAttrition(MI_STATIN)).containsExactly(expectedAnswer);
            assertThat(reopened.events(patients.getFirst().id())).isEqualTo(Journeys.openBulkLoaded(store, patients)
                    .events(patients.getFirst().id()));
        }
    }
}

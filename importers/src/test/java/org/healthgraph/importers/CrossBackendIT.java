package org.healthgraph.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.JoinNeighbourhood;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchRequest;
import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graph.GremlinSettings;
import org.healthgraph.graph.testing.SharedGremlinServer;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.Condition;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.InclusionRule;
import org.healthgraph.journeys.IndexEvent;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.journeys.store.JourneyStores;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.testing.gremlinserver.GremlinServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same work on each graph backend, answers compared: the demo dictionary imported into the
 * catalog, every catalog entry read back, join paths between every two tables, join neighbourhoods,
 * the search index built from the graph and searched, a synthetic population imported as journeys,
 * and cohorts counted from a timeline index rebuilt from the graph. Each backend starts empty: a fresh
 * embedded Neo4j, a fresh embedded TinkerGraph and a fresh Gremlin Server in its own JVM.
 */
class CrossBackendIT {

    private static final int PATIENTS = 300;

    private static final List<CohortQuery> COHORTS = List.of(
            CohortQuery.of(new IndexEvent(EventCriterion.of(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I21")
                            .withRoles(CodeRole.PRINCIPAL), IndexEvent.Occurrence.FIRST, 0, 0),
                    List.of(new InclusionRule("statin within 30 days after discharge", Condition.after(
                            EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA"), Condition.INDEX,
                            Condition.Side.END, 0, 30)))),
            CohortQuery.of(new IndexEvent(EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA"),
                    IndexEvent.Occurrence.FIRST, 0, 0), List.of()),
            CohortQuery.of(new IndexEvent(EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA"),
                    IndexEvent.Occurrence.ALL, 0, 0), List.of()));

    private static final List<String> SEARCHES = List.of("date de décès", "infarctus du myocarde", "département de résidence",
            "médicament délivré", "sexe");

    @TempDir
    Path dir;

    /** Everything a user could ask, as text that must be equal from one backend to another. */
    record Answers(String importReport, String stats, List<String> entries, Map<String, List<String>> joinPaths,
                   Map<String, List<String>> neighbourhoods, Map<String, List<String>> searches, String journeys,
                   Map<String, String> cohorts) {
    }

    @Test
    void theCatalogSearchJoinPathsJourneysAndCohortsAnswerTheSameOnNeo4jTinkerGraphAndAGremlinServer() throws Exception {
        Path extract = Files.createDirectories(dir.resolve("extract"));
        new SndsExtractGenerator(42).generate(PATIENTS, extract);
        List<PatientJourney> patients = new SndsExtractImporter().read(extract).patients();

        Answers neo4j;
        try (GraphStore graph = GraphStores.open(GraphSettings.embedded(dir.resolve("neo4j")))) {
            neo4j = answers(graph, dir.resolve("a"), patients);
        }
        Answers tinkerGraph;
        try (GraphStore graph = GraphStores.open(GraphSettings.gremlin(GremlinSettings.inMemory(), dir.resolve("tg")))) {
            assertThat(graph.backend()).isEqualTo(GraphBackend.GREMLIN);
            tinkerGraph = answers(graph, dir.resolve("b"), patients);
        }
        Answers gremlinServer;
        try (GremlinServerProcess server = GremlinServerProcess.start();
             GraphStore graph = GraphStores.open(SharedGremlinServer.settings(server))) {
            gremlinServer = answers(graph, dir.resolve("c"), patients);
        }

        assertThat(neo4j.entries()).hasSizeGreaterThan(30);
        assertThat(neo4j.joinPaths().values()).anyMatch(paths -> !paths.isEmpty());
        assertThat(neo4j.searches().values()).allMatch(hits -> !hits.isEmpty());
        assertThat(neo4j.cohorts().values()).anyMatch(c -> !c.startsWith("0 "));
        assertThat(tinkerGraph).isEqualTo(neo4j);
        assertThat(gremlinServer).isEqualTo(neo4j);
    }

    private static Answers answers(GraphStore graph, Path work, List<PatientJourney> patients) {
        CatalogWriter writer = Catalogs.writer(graph);
        writer.ensureSchema();
        Catalog catalog = Catalogs.reader(graph);
        ImportReport report = new TableSchemaImporter(catalog, writer).importTree(DemoDictionary.extractTo(work),
                ImportProgress.NONE);

        List<String> entries = new ArrayList<>();
        catalog.forEachEntry(e -> entries.add(e.kind() + " " + e));
        List<TableName> tables = catalog.tables().stream().map(Table::name).toList();
        Map<String, List<String>> joinPaths = new LinkedHashMap<>();
        Map<String, List<String>> neighbourhoods = new LinkedHashMap<>();
        for (TableName from : tables) {
            for (TableName to : tables) {
                joinPaths.put(from + ">" + to, catalog.joinPaths(from, to, 4).paths().stream().map(Object::toString).toList());
            }
            JoinNeighbourhood hood = catalog.neighbourhood(from, 2, 50);
            neighbourhoods.put(from.value(), List.of(hood.tables().toString(), hood.joins().stream().map(Object::toString)
                    .sorted().toList().toString(), String.valueOf(hood.truncated())));
        }

        Map<String, List<String>> searches = new LinkedHashMap<>();
        try (SearchIndex index = SearchIndex.inMemory()) {
            CatalogDocuments.reindex(catalog, index);
            for (String q : SEARCHES) {
                searches.put(q, index.search(SearchRequest.of(q)).hits().stream().map(h -> h.kind() + " " + h.key()).toList());
            }
        }

        new JourneyImporter(JourneyStores.on(graph)).importPatients(patients);
        // A cohort service with no saved index reads every patient back from the graph: cohorts are counted from what
        // the backend holds.
        try (CohortService fromGraph = CohortService.over(JourneyStores.on(graph), Optional.empty(), new IndexReadiness())
                .awaitReady()) {
            Map<String, String> cohorts = new LinkedHashMap<>();
            for (CohortQuery q : COHORTS) {
                long[] raw = fromGraph.rawAttrition(q);
                cohorts.put(q.toString(), raw[raw.length - 1] + " " + java.util.Arrays.toString(raw) + " "
                        + fromGraph.patientIds(q, 0, 10_000));
            }
            return new Answers(report.filesImported() + " files, " + report.created() + " created, " + report.updated()
                    + " updated, problems " + report.problems(), catalog.stats().toString(), entries, joinPaths,
                    neighbourhoods, searches, fromGraph.patientCount() + " patients, " + fromGraph.eventCount() + " events",
                    cohorts);
        }
    }
}

package org.healthgraph.linkage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.NodeRef;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.linkage.match.GraphLinks;
import org.healthgraph.linkage.match.Link;
import org.healthgraph.linkage.match.LinkageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the link store does on every graph backend: run on Neo4j ({@code Neo4jLinkStoreIT}), the
 * embedded TinkerGraph ({@code TinkerGraphLinkStoreIT}) and a Gremlin Server in its own JVM
 * ({@code GremlinServerLinkStoreIT}). Each test links its own source and patients.
 */
public abstract class LinkStoreContract {

    private LinkStore store;

    /** The graph to run on, shared by the tests of the class. */
    protected abstract GraphStore graph();

    @BeforeEach
    void open() {
        store = LinkStores.on(graph());
        store.ensureSchema();
    }

    @Test
    void writesLinkedToFromRecordsToPatientsWithWeightMethodAndExplanationOnce() {
        String source = SharedNeo4j.uniqueKey("COHORT");
        String patient = SharedNeo4j.uniqueKey("P");
        graph().upsertNodes(GraphNames.PATIENT, List.of(Map.of("id", patient, "sex", 2L)));
        List<Link> links = List.of(
                new Link("C1", patient, 0.998, 12.5, List.of(6.0, 6.5), "fellegi-sunter", Optional.empty()),
                new Link("C2", patient + "_NEW", 1.0, Double.POSITIVE_INFINITY, List.of(), "tiers:all", Optional.empty()));

        WriteResult first = GraphLinks.write(graph(), source, links, List.of("nom", "date_naissance"));
        WriteResult second = GraphLinks.write(graph(), source, links, List.of("nom", "date_naissance"));

        assertThat(first.relationshipsCreated()).isEqualTo(2);
        assertThat(first.nodesCreated()).isEqualTo(3);
        assertThat(second.relationshipsCreated()).isZero();
        assertThat(second.nodesCreated()).isZero();
        assertThat(store.ofRecord(source, "C1")).singleElement().satisfies(l -> {
            assertThat(l.patientId()).isEqualTo(patient);
            assertThat(l.weight()).isEqualTo(OptionalDouble.of(12.5));
            assertThat(l.probability()).isEqualTo(0.998);
            assertThat(l.method()).isEqualTo("fellegi-sunter");
            assertThat(l.explanation()).isEqualTo("nom=6.00, date_naissance=6.50");
        });
        assertThat(store.ofRecord(source, "C2")).singleElement().satisfies(l -> {
            assertThat(l.weight()).isEmpty();
            assertThat(l.method()).isEqualTo("tiers:all");
        });
        assertThat(graph().find(NodeRef.of(GraphNames.PATIENT, patient)).orElseThrow().properties())
                .containsEntry("sex", 2L);
    }

    @Test
    void aPatientsLinksComeFromEverySourceBySourceAndRecord() {
        String a = SharedNeo4j.uniqueKey("A");
        String b = SharedNeo4j.uniqueKey("B");
        String patient = SharedNeo4j.uniqueKey("P");
        store.write(List.of(link(b, "2", patient), link(a, "9", patient), link(a, "1", patient),
                link(a, "3", patient + "_OTHER")));

        assertThat(store.ofPatient(patient)).extracting(l -> l.source() + ":" + l.recordId())
                .containsExactly(a + ":1", a + ":9", b + ":2");
        assertThat(store.ofPatient(SharedNeo4j.uniqueKey("NOBODY"))).isEmpty();
        assertThat(store.ofRecord(a, "404")).isEmpty();
    }

    @Test
    void aSourcesLinksArePagedByRecordThenPatientWithACursor() {
        String source = SharedNeo4j.uniqueKey("S");
        String p = SharedNeo4j.uniqueKey("P");
        List<StoredLink> links = new ArrayList<>();
        for (String record : List.of("R05", "R01", "R03", "R02", "R04")) {
            links.add(link(source, record, p + "_1"));
        }
        links.add(link(source, "R03", p + "_0"));
        links.add(link(SharedNeo4j.uniqueKey("ELSEWHERE"), "R01", p + "_1"));
        store.write(links);

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        LinkPage page;
        int pages = 0;
        do {
            page = store.ofSource(source, cursor, 2);
            page.links().forEach(l -> seen.add(l.recordId() + "/" + l.patientId().substring(p.length())));
            cursor = page.endCursor();
            pages++;
        } while (page.hasNextPage());

        assertThat(seen).containsExactly("R01/_1", "R02/_1", "R03/_0", "R03/_1", "R04/_1", "R05/_1");
        assertThat(pages).isEqualTo(3);
        assertThat(store.ofSource(source, Optional.empty(), 1000).links()).hasSize(6);
        assertThatThrownBy(() -> store.ofSource(source, Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first");
    }

    @Test
    void aSourceWithAColonIsRefusedBeforeAnythingIsWritten() {
        String patient = SharedNeo4j.uniqueKey("P");

        assertThatThrownBy(() -> GraphLinks.write(graph(), "bad:source", List.of(new Link("C1", patient, 1.0, 1.0,
                List.of(), "m", Optional.empty())), List.of())).isInstanceOf(LinkageException.class)
                .hasMessageContaining("source");
        assertThat(graph().find(NodeRef.of(GraphNames.PATIENT, patient))).isEmpty();
    }

    private static StoredLink link(String source, String record, String patient) {
        return new StoredLink(source, record, patient, 0.9, OptionalDouble.of(3.0), "fellegi-sunter", "f=3.00");
    }
}

package org.healthgraph.linkage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
import org.healthgraph.linkage.match.Explanation;
import org.healthgraph.linkage.match.GraphLinks;
import org.healthgraph.linkage.match.Link;
import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.match.LinkageModel;
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

    @Test
    void aRunIsReadBackWhole() {
        LinkRun run = run(SharedNeo4j.uniqueKey("RUN"), Instant.parse("2026-01-02T03:04:05Z"));
        store.saveRun(run, List.of(pair(run.id(), 0, "L1", "R1", 0.99, false)));
        store.saveRun(run, List.of(pair(run.id(), 0, "L1", "R1", 0.99, false)));

        LinkRun back = store.run(run.id()).orElseThrow();
        assertThat(back).isEqualTo(run);
        assertThat(back.model().orElseThrow().table()).isEqualTo(run.model().orElseThrow().table());
        assertThat(store.runs()).filteredOn(r -> r.id().equals(run.id())).hasSize(1);
        assertThat(store.run(SharedNeo4j.uniqueKey("NONE"))).isEmpty();
    }

    @Test
    void runsAreListedNewestFirst() {
        LinkRun older = run(SharedNeo4j.uniqueKey("RUN"), Instant.parse("2020-01-01T00:00:00Z"));
        LinkRun newer = run(SharedNeo4j.uniqueKey("RUN"), Instant.parse("2020-01-02T00:00:00Z"));
        store.saveRun(older, List.of());
        store.saveRun(newer, List.of());

        List<String> ids = store.runs().stream().map(LinkRun::id).filter(id -> id.equals(older.id()) || id.equals(newer.id()))
                .toList();
        assertThat(ids).containsExactly(newer.id(), older.id());
    }

    @Test
    void aRunsPairsArePagedInOrderAndFilteredByProbabilityAndBand() {
        String id = SharedNeo4j.uniqueKey("RUN");
        List<RunPair> pairs = new ArrayList<>();
        double[] probabilities = {0.99, 0.3, 0.95, 0.6, 0.5, 0.97};
        for (int i = 0; i < probabilities.length; i++) {
            pairs.add(pair(id, i, "L" + i, "R" + i, probabilities[i], probabilities[i] < 0.9));
        }
        store.saveRun(run(id, Instant.now()), pairs);

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        PairPage page;
        do {
            page = store.pairs(id, PairQuery.all(), cursor, 4);
            page.pairs().forEach(p -> seen.add(p.leftId()));
            assertThat(page.totalCount()).isEqualTo(6);
            cursor = page.endCursor();
        } while (page.hasNextPage());
        assertThat(seen).containsExactly("L0", "L1", "L2", "L3", "L4", "L5");
        assertThat(store.pairs(id, new PairQuery(0.5, 0.96, false), Optional.empty(), 10).pairs())
                .extracting(RunPair::leftId).containsExactly("L2", "L3", "L4");
        PairPage review = store.pairs(id, PairQuery.review(), Optional.empty(), 2);
        assertThat(review.pairs()).extracting(RunPair::leftId).containsExactly("L1", "L3");
        assertThat(review.totalCount()).isEqualTo(3);
        assertThat(store.pairs(id, PairQuery.review(), review.endCursor(), 2).pairs()).extracting(RunPair::leftId)
                .containsExactly("L4");
        assertThat(store.pair(id, "L3", "R3")).hasValue(pairs.get(3));
        assertThat(store.pair(id, "L3", "R4")).isEmpty();
    }

    @Test
    void decisionsAreAllKeptOldestFirst() {
        String id = SharedNeo4j.uniqueKey("RUN");
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        ReviewDecision second = new ReviewDecision(id, "L1", "R1", ReviewDecision.Verdict.REJECT, Optional.empty(), "bob", t.plusSeconds(5));
        ReviewDecision first = new ReviewDecision(id, "L1", "R1", ReviewDecision.Verdict.ACCEPT, Optional.of("same person"), "ann", t);
        store.addDecision(second);
        store.addDecision(first);

        assertThat(store.decisions(id)).containsExactly(first, second);
        assertThat(store.decisions(SharedNeo4j.uniqueKey("RUN"))).isEmpty();
    }

    @Test
    void unlinkRemovesOneLinkAndLeavesTheOthers() {
        String source = SharedNeo4j.uniqueKey("S");
        String p = SharedNeo4j.uniqueKey("P");
        store.write(List.of(link(source, "R1", p + "_1"), link(source, "R1", p + "_2")));

        store.unlink(source, "R1", p + "_1");
        store.unlink(source, "R1", p + "_9");

        assertThat(store.ofRecord(source, "R1")).extracting(StoredLink::patientId).containsExactly(p + "_2");
        assertThat(graph().find(NodeRef.of(GraphNames.PATIENT, p + "_1"))).isPresent();
    }

    private static LinkRun run(String id, Instant at) {
        LinkageModel model = new LinkageModel(List.of(new LinkageModel.FieldModel("nom", List.of(
                new LinkageModel.Level("exact", 0.9, 0.01, 0.011), new LinkageModel.Level("else", 0.1, 0.99, 0.989)))), 0.001, 7);
        return new LinkRun(id, at, "COHORT", "fellegi-sunter", List.of(new LinkRun.Input("left.csv", 10), new LinkRun.Input("right.csv", 100)),
                List.of(new LinkRun.Rule("same birth date", 42)), Optional.of(model),
                new LinkRun.Estimates(0.98, 0.95, 9.5, OptionalDouble.of(0.9)), 0.5, new LinkRun.ReviewBand(0.2, 0.9), 42, 9,
                List.of(new LinkRun.Bin(0, 5, 3), new LinkRun.Bin(5, 10, 6)));
    }

    private static RunPair pair(String runId, int ordinal, String left, String right, double probability, boolean review) {
        Explanation e = new Explanation(left, right, -9.97, List.of(new Explanation.Contribution("nom", "exact", 6.5, 0.3)),
                -3.47, 0.08, Optional.of(new Explanation.RecordStep(0.9, 2, 0.01, 3.0, -0.47, 0.42)));
        return new RunPair(runId, ordinal, left, right, probability, OptionalDouble.of(probability), OptionalDouble.of(-3.47),
                "fellegi-sunter", probability >= 0.5, review, Optional.of(e), List.of(new RunPair.FieldValues("nom", "MARTIN", "MARTINS")));
    }

    private static StoredLink link(String source, String record, String patient) {
        return new StoredLink(source, record, patient, 0.9, OptionalDouble.of(3.0), "fellegi-sunter", "f=3.00");
    }
}

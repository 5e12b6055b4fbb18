package org.healthgraph.catalog.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.healthgraph.catalog.CatalogException;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.Test;

/**
 * Curation under concurrency on Neo4j, where transactions really overlap: approvals of proposals on
 * one entry, two reviews of one proposal, and a steward's edits while the same file is imported
 * again and again. After each, the graph, the history and the search index tell the same story.
 */
class CurationConcurrencyIT extends CurationTestBase {

    @Override
    protected GraphStore graph() {
        return SharedNeo4j.store();
    }

    @Test
    void ofEightProposalsOnOneEntryApprovedAtOnceExactlyOneWinsAndTheOthersAreConflicts() throws Exception {
        List<Proposal> proposals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            proposals.add(curation.propose("author" + i, "r", List.of(EntityEdit.of(var("ID")).withDescription("version " + i))));
        }
        List<Outcome> outcomes = all(proposals.stream().<Callable<Outcome>>map(p -> () -> attempt(p.id(), "reviewer")).toList());

        assertThat(outcomes).filteredOn(o -> o.kind() == null).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.kind() != null).hasSize(7).allMatch(o -> o.kind() == ErrorKind.CONFLICT);
        String winner = outcomes.stream().filter(o -> o.kind() == null).findFirst().orElseThrow().proposal();
        assertThat(curation.state(var("ID")).version()).isEqualTo(1);
        assertThat(curation.history(var("ID"))).singleElement().extracting(Revision::proposal).isEqualTo(winner);
        String applied = curation.proposal(winner).orElseThrow().changes().getFirst().fields().getFirst().newValue();
        assertThat(description("ID")).isEqualTo(applied);
        assertThat(curation.openProposals()).extracting(Proposal::id).hasSize(7).doesNotContain(winner);
    }

    @Test
    void twoStewardsApprovingOneProposalAtOnceApplyItOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            Proposal p = curation.propose("alice", "r", List.of(EntityEdit.of(var("SEX")).withTags(List.of("t" + round))));
            List<Outcome> outcomes = all(List.of(() -> attempt(p.id(), "bob"), () -> attempt(p.id(), "carol")));

            assertThat(outcomes).filteredOn(o -> o.kind() == null).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o.kind() != null).singleElement().extracting(Outcome::kind)
                    .isEqualTo(ErrorKind.CONFLICT);
        }
        assertThat(curation.state(var("SEX")).version()).isEqualTo(5);
        assertThat(curation.history(var("SEX"))).extracting(Revision::version).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aStewardsEditsWhileTheSameFileIsImportedAgainAreAppliedWhollyOrRefusedAndHistoryIndexAndGraphAgree()
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Callable<Outcome> imports = () -> {
            start.await();
            for (int i = 0; i < 15; i++) {
                f.units("Texte importé " + i).forEach(writer::write);
            }
            return new Outcome("imports", null);
        };
        Callable<Outcome> steward = () -> {
            start.await();
            int applied = 0;
            for (int i = 0; i < 12; i++) {
                try {
                    Proposal p = curation.propose("alice", "r" + i, List.of(EntityEdit.of(var("ID"))
                            .withDescription("Texte curé numéro" + i + " quokka" + i)));
                    curation.approve(p.id(), "bob", "ok");
                    applied++;
                } catch (CatalogException e) {
                    assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.CONFLICT);
                }
            }
            return new Outcome("steward applied " + applied, null);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Outcome> a = pool.submit(imports);
            Future<Outcome> b = pool.submit(steward);
            start.countDown();
            a.get(5, TimeUnit.MINUTES);
            System.out.println(b.get(5, TimeUnit.MINUTES).proposal());
        } finally {
            pool.shutdownNow();
        }

        assertHistoryReplaysToTheGraph(var("ID"));
        List<Revision> history = curation.history(var("ID"));
        List<Revision> curated = history.stream().filter(r -> !r.proposal().isEmpty()).toList();
        assertThat(curated).isNotEmpty();
        // Once curated, no import overwrote it: every revision after the first approval is an approval.
        long firstCurated = curated.getFirst().version();
        assertThat(history).filteredOn(r -> r.version() > firstCurated).allMatch(r -> !r.proposal().isEmpty());
        assertThat(description("ID")).isEqualTo(curated.getLast().newValue());
        String token = curated.getLast().newValue().substring(curated.getLast().newValue().lastIndexOf(' ') + 1);
        assertThat(searchKeys(token)).contains(var("ID").key());
        // Every approved proposal's revisions are all there; no revision belongs to a refused one.
        for (Revision r : curated) {
            assertThat(curation.proposal(r.proposal()).orElseThrow().status()).isEqualTo(ProposalStatus.APPROVED);
        }
    }

    /** Replaying the revisions from version 0 gives the state now, one version after another. */
    private void assertHistoryReplaysToTheGraph(EntityRef entity) {
        EntityState now = curation.state(entity);
        Map<String, String> state = new HashMap<>(curation.stateAt(entity, 0).fields());
        long version = 0;
        for (Revision r : curation.history(entity)) {
            assertThat(r.version()).isIn(version, version + 1);
            version = r.version();
            assertThat(state.get(r.field())).as("old value of " + r.field() + " at version " + r.version()).isEqualTo(r.oldValue());
            state.put(r.field(), r.newValue());
        }
        assertThat(version).isEqualTo(now.version());
        assertThat(state).isEqualTo(now.fields());
    }

    private record Outcome(String proposal, ErrorKind kind) {
    }

    private Outcome attempt(String id, String reviewer) {
        try {
            curation.approve(id, reviewer, "ok");
            return new Outcome(id, null);
        } catch (CatalogException e) {
            return new Outcome(id, e.kind());
        }
    }

    private static List<Outcome> all(List<Callable<Outcome>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Callable<Outcome> t : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return t.call();
                }));
            }
            start.countDown();
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> fu : futures) {
                out.add(fu.get(2, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.healthgraph.catalog.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.junit.jupiter.api.Test;

/**
 * Reviewed curation on every graph backend: proposals, reviews, versions, history, the import's
 * respect of curated text, the search index kept current, and every refusal changing nothing and
 * being audited. Run on Neo4j ({@code Neo4jCurationIT}) and the embedded TinkerGraph
 * ({@code TinkerGraphCurationIT}).
 */
public abstract class CurationContract extends CurationTestBase {

    @Test
    void anotherStewardApprovesAProposalAndItIsAppliedWithItsHistory() {
        Proposal p = curation.propose("alice", "plus précis", List.of(
                EntityEdit.of(var("ID")).withDescription("Identifiant pseudonymisé du bénéficiaire").withTags(List.of("clé", "pivot")),
                EntityEdit.of(tableA()).withTitle("Table A révisée")));

        assertThat(curation.openProposals()).extracting(Proposal::id).contains(p.id());
        assertThat(p.changes()).extracting(c -> c.entity().toString(), EntityChange::baseVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(var("ID").toString(), 0L),
                        org.assertj.core.groups.Tuple.tuple(tableA().toString(), 0L));
        assertThat(p.changes().get(0).fields()).containsExactly(
                new FieldChange("description", "Identifiant du patient", "Identifiant pseudonymisé du bénéficiaire"),
                new FieldChange("tags", "", "clé, pivot"));

        Proposal approved = curation.approve(p.id(), "bob", "d'accord");

        assertThat(approved.status()).isEqualTo(ProposalStatus.APPROVED);
        assertThat(curation.openProposals()).extracting(Proposal::id).doesNotContain(p.id());
        assertThat(description("ID")).isEqualTo("Identifiant pseudonymisé du bénéficiaire");
        assertThat(catalog.table(f.a()).orElseThrow().title()).isEqualTo("Table A révisée");
        EntityState now = curation.state(var("ID"));
        assertThat(now.version()).isEqualTo(1);
        assertThat(now.field("tags")).isEqualTo("clé, pivot");
        assertThat(curation.history(var("ID"))).extracting(Revision::field, Revision::oldValue, Revision::newValue,
                Revision::author, Revision::reviewer, Revision::reason, Revision::proposal, Revision::version)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("description", "Identifiant du patient",
                                "Identifiant pseudonymisé du bénéficiaire", "alice", "bob", "plus précis", p.id(), 1L),
                        org.assertj.core.groups.Tuple.tuple("tags", "", "clé, pivot", "alice", "bob", "plus précis", p.id(), 1L));
        EntityState v0 = curation.stateAt(var("ID"), 0);
        assertThat(v0.field("description")).isEqualTo("Identifiant du patient");
        assertThat(v0.field("tags")).isEmpty();
        assertThat(catalog.history(new VariableRef(f.a(), "ID"))).extracting(c -> c.field() + "=" + c.newValue())
                .contains("description=Identifiant pseudonymisé du bénéficiaire");
        assertThat(audited).extracting(AuditEvent::action, AuditEvent::outcome).containsSubsequence(
                org.assertj.core.groups.Tuple.tuple(AuditAction.PROPOSAL, AuditEvent.Outcome.ALLOWED),
                org.assertj.core.groups.Tuple.tuple(AuditAction.APPROVAL, AuditEvent.Outcome.ALLOWED));
    }

    @Test
    void anApprovalIsSearchableAtOnce() {
        Proposal p = curation.propose("alice", "mot clé", List.of(
                EntityEdit.of(var("ID")).withDescription("Identifiant zorglubien du patient")));
        assertThat(searchKeys("zorglubien")).isEmpty();

        curation.approve(p.id(), "bob", "ok");

        assertThat(searchKeys("zorglubien")).contains(var("ID").key());
    }

    @Test
    void nobodyApprovesTheirOwnProposalAndTheRefusalChangesNothingAndIsAudited() {
        Proposal p = curation.propose("alice", "r", List.of(EntityEdit.of(var("ID")).withDescription("autre")));

        assertThatThrownBy(() -> curation.approve(p.id(), "alice", "moi-même"))
                .isInstanceOf(CatalogException.class).hasMessageContaining("another steward")
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);

        assertThat(description("ID")).isEqualTo("Identifiant du patient");
        assertThat(curation.state(var("ID")).version()).isZero();
        assertThat(curation.proposal(p.id()).orElseThrow().status()).isEqualTo(ProposalStatus.OPEN);
        assertThat(audited.getLast().action()).isEqualTo(AuditAction.APPROVAL);
        assertThat(audited.getLast().outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
        assertThat(audited.getLast().actor()).isEqualTo("alice");
    }

    @Test
    void aProposalMadeOnAnOlderVersionIsAConflictNamingTheEntityAndBothVersions() {
        Proposal first = curation.propose("alice", "r", List.of(EntityEdit.of(var("ID")).withDescription("un")));
        Proposal second = curation.propose("carol", "r", List.of(EntityEdit.of(var("ID")).withDescription("deux")));
        curation.approve(first.id(), "bob", "ok");

        assertThatThrownBy(() -> curation.approve(second.id(), "bob", "ok"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(var("ID").toString()).hasMessageContaining("version 1")
                .hasMessageContaining("version 0")
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(description("ID")).isEqualTo("un");
        assertThat(curation.proposal(second.id()).orElseThrow().status()).isEqualTo(ProposalStatus.OPEN);
        assertThatThrownBy(() -> curation.propose("carol", "r", List.of(EntityEdit.of(var("ID")).atVersion(0)
                .withDescription("trois")))).extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
    }

    @Test
    void aReviewedProposalCannotBeReviewedAgain() {
        Proposal p = curation.propose("alice", "r", List.of(EntityEdit.of(var("ID")).withDescription("un")));
        curation.reject(p.id(), "bob", "non");

        assertThatThrownBy(() -> curation.approve(p.id(), "carol", "si"))
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(description("ID")).isEqualTo("Identifiant du patient");
        Proposal rejected = curation.proposal(p.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(rejected.review()).get().extracting(Review::reviewer, Review::comment).containsExactly("bob", "non");
        assertThat(curation.history(var("ID"))).isEmpty();
    }

    @Test
    void badInputIsRefusedByRuleAndLeavesNothingBehind() {
        List<Proposal> before = curation.openProposals();
        EntityRef unknown = EntityRef.of(EntryKind.VARIABLE, f.a().value() + ".NOPE");

        assertThatThrownBy(() -> curation.propose("alice", "r", List.of(EntityEdit.of(unknown).withDescription("x"))))
                .hasMessageContaining(unknown.toString())
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThatThrownBy(() -> curation.propose("alice", "r", List.of(EntityEdit.of(var("ID")).withDescription("x".repeat(2_001)))))
                .hasMessageContaining("2001 characters").hasMessageContaining("limit of 2000")
                .hasMessageContaining("healthgraph.imports.max-text-length")
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThatThrownBy(() -> curation.propose("alice", "r", List.of(EntityEdit.of(var("ID")).withTitle("x"))))
                .hasMessageContaining("no curated title")
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThatThrownBy(() -> curation.propose("alice", "r", List.of(EntityEdit.of(var("ID"))
                .withDescription("Identifiant du patient")))).hasMessageContaining("nothing to review");
        assertThatThrownBy(() -> curation.approve("no-such-proposal", "bob", "ok"))
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);

        assertThat(curation.openProposals()).isEqualTo(before);
        assertThat(curation.state(var("ID")).version()).isZero();
        assertThat(audited).hasSize(5).allMatch(e -> e.outcome() == AuditEvent.Outcome.REFUSED);
    }

    @Test
    void markupInADescriptionIsStoredAsTextVerbatim() {
        String markup = "<script>alert('x')</script> <b>gras</b> & \"guillemets\"";
        Proposal p = curation.propose("alice", "r", List.of(EntityEdit.of(var("ID")).withDescription(markup)));
        curation.approve(p.id(), "bob", "ok");

        assertThat(description("ID")).isEqualTo(markup);
        assertThat(curation.history(var("ID")).getFirst().newValue()).isEqualTo(markup);
    }

    @Test
    void aBulkChangeOverManyVariablesIsOneProposalAppliedTogether() {
        List<EntityEdit> edits = List.of("ID", "SEX").stream()
                .map(n -> EntityEdit.of(var(n)).withTags(List.of("démographie"))).toList();
        Proposal p = curation.propose("alice", "étiquetage", edits);

        curation.approve(p.id(), "bob", "ok");

        for (String n : List.of("ID", "SEX")) {
            assertThat(curation.state(var(n)).field("tags")).isEqualTo("démographie");
            assertThat(curation.state(var(n)).version()).isEqualTo(1);
            assertThat(curation.history(var(n))).extracting(Revision::proposal).containsExactly(p.id());
        }
    }

    @Test
    void joinsAndCodeListsAreProposedAddedAndRemovedAndTheirPastStatesRead() {
        Join old = new Join(f.a(), f.b(), List.of(new KeyPair("ID", "ID")));
        Join added = new Join(f.a(), f.c(), List.of(new KeyPair("ID", "K2")));
        Proposal p = curation.propose("alice", "jointures", List.of(
                EntityEdit.of(tableA()).withJoinAdded(added).withJoinRemoved(old.id()),
                EntityEdit.of(var("SEX")).withCodedBy("")));

        curation.approve(p.id(), "bob", "ok");

        assertThat(catalog.joins(f.a())).extracting(Join::id).containsExactly(added.id());
        assertThat(catalog.variable(new VariableRef(f.a(), "SEX")).orElseThrow().codedBy()).isEmpty();
        assertThat(catalog.variablesCodedBy(f.list())).isEmpty();
        assertThat(curation.stateAt(tableA(), 0).field("joins")).isEqualTo(old.id());
        assertThat(curation.state(tableA()).field("joins")).isEqualTo(added.id());
        assertThat(curation.stateAt(var("SEX"), 0).field("codedBy")).isEqualTo(f.list().value());
        assertThatThrownBy(() -> curation.stateAt(tableA(), 2))
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);

        Proposal back = curation.propose("bob", "retour", List.of(EntityEdit.of(var("SEX")).withCodedBy(f.list().value())));
        curation.approve(back.id(), "alice", "ok");
        assertThat(catalog.variablesCodedBy(f.list())).containsExactly(new VariableRef(f.a(), "SEX"));
    }

    @Test
    void anImportKeepsCuratedTextAndRecordsItsValueAsAConflictForStewards() {
        Proposal p = curation.propose("alice", "r", List.of(EntityEdit.of(var("ID")).withDescription("Texte curé")));
        curation.approve(p.id(), "bob", "ok");

        f.units("Texte du fichier").forEach(writer::write);
        f.units("Texte du fichier").forEach(writer::write);

        assertThat(description("ID")).isEqualTo("Texte curé");
        assertThat(curation.state(var("ID")).version()).isEqualTo(1);
        assertThat(curation.importConflicts()).filteredOn(c -> c.entity().equals(var("ID")))
                .singleElement().satisfies(c -> {
                    assertThat(c.field()).isEqualTo("description");
                    assertThat(c.curatedValue()).isEqualTo("Texte curé");
                    assertThat(c.importedValue()).isEqualTo("Texte du fichier");
                    assertThat(c.source()).isEqualTo(f.dataset() + ".json");
                });
    }

    @Test
    void anImportThatChangesUncuratedTextMovesTheVersionSoAnOlderProposalIsStale() {
        Proposal p = curation.propose("alice", "r", List.of(EntityEdit.of(var("ID")).withDescription("Texte curé")));

        f.units("Nouveau texte importé").forEach(writer::write);

        assertThat(curation.state(var("ID")).version()).isEqualTo(1);
        assertThat(curation.history(var("ID"))).singleElement().satisfies(r -> {
            assertThat(r.author()).isEqualTo("import:" + f.dataset() + ".json");
            assertThat(r.newValue()).isEqualTo("Nouveau texte importé");
        });
        assertThatThrownBy(() -> curation.approve(p.id(), "bob", "ok"))
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(description("ID")).isEqualTo("Nouveau texte importé");
        assertThat(curation.stateAt(var("ID"), 0).field("description")).isEqualTo("Identifiant du patient");
    }

    @Test
    void datasetsAndCodeListsAreCuratedToo() {
        EntityRef ds = EntityRef.of(EntryKind.DATASET, f.dataset());
        EntityRef list = EntityRef.of(EntryKind.NOMENCLATURE, f.list().value());
        Proposal p = curation.propose("alice", "r", List.of(EntityEdit.of(ds).withTitle("Produit").withDescription("Desc"),
                EntityEdit.of(list).withTitle("Sexe (révisé)")));
        curation.approve(p.id(), "bob", "ok");

        assertThat(catalog.datasets()).filteredOn(d -> d.name().equals(f.dataset())).singleElement()
                .extracting(Dataset::title).isEqualTo("Produit");
        assertThat(catalog.nomenclature(f.list()).orElseThrow().title()).isEqualTo("Sexe (révisé)");
        // A unit that names the dataset without a title keeps the curated one, and records no conflict.
        writer.write(CatalogUnit.of("again").withDatasets(List.of(Dataset.named(f.dataset())))
                .withTables(List.of(new Table(f.a(), "Table " + f.a(), f.dataset(), "", "", History.NONE, List.of()))));
        assertThat(catalog.datasets()).filteredOn(d -> d.name().equals(f.dataset())).singleElement()
                .extracting(Dataset::title).isEqualTo("Produit");
    }
}

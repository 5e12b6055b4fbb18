package org.healthgraph.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {

    static final List<SearchDocument> FIXTURE = List.of(
            SearchDocument.table("BENEFICIAIRE", "IR_BEN_R", "Référentiel des bénéficiaires du SNIIRAM-SNDS"),
            SearchDocument.variable("BENEFICIAIRE", "IR_BEN_R", "Référentiel des bénéficiaires", "BEN_NIR_PSA",
                    "Identifiant anonyme du patient dans le SNIIRAM", "", "string", List.of(2006, 2007)),
            SearchDocument.variable("BENEFICIAIRE", "IR_BEN_R", "Référentiel des bénéficiaires", "BEN_DCD_DTE",
                    "Date de décès du bénéficiaire", "IR_DTE_V", "date", List.of(2006, 2007)),
            SearchDocument.variable("BENEFICIAIRE", "IR_BEN_R", "Référentiel des bénéficiaires", "BEN_NAI_ANN",
                    "Année de naissance du bénéficiaire", "", "string", List.of(2006)),
            SearchDocument.variable("BENEFICIAIRE", "IR_BEN_R", "Référentiel des bénéficiaires", "BEN_DTE_INS",
                    "Date d'insertion dans le référentiel", "IR_DTE_V", "date", List.of(2006)),
            SearchDocument.table("DCIR", "ER_PRS_F", "Table des prestations"),
            SearchDocument.variable("DCIR", "ER_PRS_F", "Table des prestations", "BEN_NIR_PSA",
                    "Identifiant anonyme du patient dans le SNIIRAM", "", "string", List.of(2006)),
            SearchDocument.variable("DCIR", "ER_PRS_F", "Table des prestations", "PRS_DEP_MNT",
                    "Montant global du dépassement", "", "number", List.of(2006)),
            SearchDocument.table("EGB", "EB_PRS_F", "Table des prestations"),
            SearchDocument.variable("EGB", "EB_PRS_F", "Table des prestations", "PRS_DEP_MNT",
                    "Montant global du dépassement", "", "number", List.of(2006)),
            SearchDocument.table("DCIR", "ER_PHA_F", "Table des données de codage de pharmacie"),
            SearchDocument.variable("DCIR", "ER_PHA_F", "Table des données de codage de pharmacie", "PHA_PRS_C13",
                    "Code CIP de la pharmacie de ville (13 caractères)", "IR_PHA_R", "string", List.of(2010)),
            SearchDocument.table("PMSI MCO", "T_MCOaaB", "Description du séjour"),
            SearchDocument.variable("PMSI MCO", "T_MCOaaB", "Description du séjour", "DGN_PAL",
                    "Diagnostic principal", "MS_CIM_V", "string", List.of(2008)),
            SearchDocument.variable("PMSI HAD", "T_HADaaB", "Résumés par sous-séquence", "DGN_PAL",
                    "Diagnostic principal", "MS_CIM_V", "string", List.of(2008)),
            SearchDocument.variable("PMSI MCO", "T_MCOaaB", "Description du séjour", "DGN_REL",
                    "Diagnostic relié", "MS_CIM_V", "string", List.of(2008)),
            SearchDocument.variable("PMSI MCO", "T_MCOaaB", "Description du séjour", "NBR_DGN",
                    "Nombre de diagnostics associés significatifs dans ce RSA", "", "integer", List.of(2008)),
            SearchDocument.nomenclature("ORAVAL", "IR_CIM_V", "Tables de codes CIM10"),
            SearchDocument.code("ORAVAL", "IR_CIM_V", "Tables de codes CIM10", "I21", "Infarctus aigu du myocarde"),
            SearchDocument.code("ORAVAL", "IR_CIM_V", "Tables de codes CIM10", "I210",
                    "Infarctus transmural aigu de la paroi antérieure"),
            SearchDocument.code("ORAVAL", "IR_CIM_V", "Tables de codes CIM10", "I22", "Infarctus du myocarde à répétition"),
            SearchDocument.code("ORAVAL", "IR_CIM_V", "Tables de codes CIM10", "E11", "Diabète sucré de type 2"),
            SearchDocument.nomenclature("ORAVAL", "IR_SEX_V", "Sexe"),
            SearchDocument.code("ORAVAL", "IR_SEX_V", "Sexe", "1", "Masculin"));

    SearchIndex index;

    @BeforeEach
    void build() {
        index = SearchIndex.inMemory();
        index.rebuild(FIXTURE.stream());
    }

    @AfterEach
    void close() {
        index.close();
    }

    List<String> keys(String query) {
        return index.search(SearchRequest.of(query)).hits().stream().map(SearchHit::key).toList();
    }

    @Test
    void findsDateOfDeathByFrenchQuery() {
        assertThat(keys("date de deces").get(0)).isEqualTo("IR_BEN_R.BEN_DCD_DTE");
        assertThat(keys("quelle variable contient la date du décès ?").get(0)).isEqualTo("IR_BEN_R.BEN_DCD_DTE");
    }

    @Test
    void ranksADescriptionSayingWhatWasAskedAboveOneSharingAWord() {
        List<String> k = keys("date de décès");
        assertThat(k.indexOf("IR_BEN_R.BEN_DCD_DTE")).isLessThan(k.indexOf("IR_BEN_R.BEN_DTE_INS"));
    }

    @Test
    void putsAnExactNameFirst() {
        assertThat(keys("ER_PHA_F").get(0)).isEqualTo("ER_PHA_F");
        assertThat(keys("t_mcoaab").get(0)).isEqualTo("T_MCOaaB");
        assertThat(keys("ER_PHA_F.PHA_PRS_C13").get(0)).isEqualTo("ER_PHA_F.PHA_PRS_C13");
    }

    @Test
    void findsIdentifiersByTheirParts() {
        assertThat(keys("nir psa")).contains("IR_BEN_R.BEN_NIR_PSA");
        assertThat(keys("mco")).contains("T_MCOaaB");
    }

    @Test
    void findsCodesExactlyThenByPrefixWithTheirCodeList() {
        List<String> k = keys("I21");
        assertThat(k.get(0)).isEqualTo("IR_CIM_V:I21");
        assertThat(k).contains("IR_CIM_V:I210", "IR_CIM_V").doesNotContain("IR_CIM_V:I22", "IR_CIM_V:E11");
    }

    @Test
    void expandsAbbreviationsFromTheCuratedList() {
        assertThat(keys("DP").get(0)).isEqualTo("T_MCOaaB.DGN_PAL");
        assertThat(keys("DAS")).contains("T_MCOaaB.NBR_DGN");
    }

    @Test
    void toleratesTyposWithinBoundedEdits() {
        assertThat(keys("diagnostic principl").get(0)).isEqualTo("T_MCOaaB.DGN_PAL");
        assertThat(keys("infarctsu").get(0)).startsWith("IR_CIM_V:I2");
    }

    @Test
    void putsTheCanonicalProductBeforeItsCopiesUnlessTheQueryNamesOne() {
        assertThat(keys("montant du dépassement").get(0)).isEqualTo("ER_PRS_F.PRS_DEP_MNT");
        assertThat(keys("montant du dépassement egb").get(0)).isEqualTo("EB_PRS_F.PRS_DEP_MNT");
        assertThat(keys("table des prestations").get(0)).isEqualTo("ER_PRS_F");
        assertThat(keys("diagnostic principal")).startsWith("T_MCOaaB.DGN_PAL", "T_HADaaB.DGN_PAL");
        assertThat(keys("diagnostic principal had").get(0)).isEqualTo("T_HADaaB.DGN_PAL");
    }

    @Test
    void filtersOnEachFacetAndGivesNothingForUnknownValues() {
        SearchRequest r = SearchRequest.of("prestations");
        assertThat(index.search(r.withFilters(SearchFilters.ofKinds(DocumentKind.TABLE))).hits())
                .allMatch(h -> h.kind() == DocumentKind.TABLE).isNotEmpty();
        assertThat(index.search(r.withFilters(SearchFilters.NONE.withProducts(Set.of("EGB")))).hits())
                .extracting(SearchHit::key).containsExactlyInAnyOrder("EB_PRS_F", "EB_PRS_F.PRS_DEP_MNT");
        assertThat(index.search(r.withFilters(SearchFilters.NONE.withTables(Set.of("NO_SUCH_TABLE")))).hits()).isEmpty();
        assertThat(index.search(SearchRequest.of("date").withFilters(SearchFilters.NONE.withYears(Set.of(2007)))).hits())
                .extracting(SearchHit::key).containsExactly("IR_BEN_R.BEN_DCD_DTE");
        assertThat(index.search(SearchRequest.of("date").withFilters(SearchFilters.NONE.withTypes(Set.of("date"))))
                .totalHits()).isEqualTo(2);
    }

    @Test
    void countsFacetsOverAllMatches() {
        SearchResult r = index.search(SearchRequest.of("prestations"));
        assertThat(r.facets().get("kind")).contains(new FacetValue("TABLE", 2));
        assertThat(r.facets().get("product")).extracting(FacetValue::value).contains("DCIR", "EGB");
        assertThat(r.totalHitsExact()).isTrue();
    }

    @Test
    void pagesWithCursors() {
        SearchResult first = index.search(SearchRequest.of("infarctus").withPage(1, Optional.empty()));
        assertThat(first.hasNextPage()).isTrue();
        SearchResult second = index.search(SearchRequest.of("infarctus")
                .withPage(1, Optional.of(first.hits().get(0).cursor())));
        assertThat(second.hits().get(0).key()).isNotEqualTo(first.hits().get(0).key());
        assertThatThrownBy(() -> index.search(SearchRequest.of("x").withPage(1, Optional.of("not-a-cursor"))))
                .isInstanceOf(SearchException.class).hasMessageContaining("after cursor");
    }

    @Test
    void highlightsMatchedWordsAndExplainsScores() {
        SearchHit hit = index.search(SearchRequest.of("date de décès").withExplain(true)).hits().get(0);
        assertThat(hit.highlights()).anyMatch(h -> h.contains("<em>décès</em>"));
        assertThat(hit.explanation()).hasValueSatisfying(e -> assertThat(e).contains("prior"));
        assertThat(index.explain("date de décès", "IR_BEN_R.BEN_DCD_DTE")).isPresent();
    }

    @Test
    void suggestsNamesAndLabelsAsOneTypes() {
        assertThat(index.suggest("BEN_N", 5)).extracting(Suggestion::text).contains("BEN_NIR_PSA", "BEN_NAI_ANN");
        assertThat(index.suggest("date de d", 5)).extracting(Suggestion::text).contains("Date de décès du bénéficiaire");
        assertThat(index.suggest("d", 5)).isEmpty();
    }

    @Test
    void aCodeSuggestedByItsCodeCarriesItsLabel() {
        assertThat(index.suggest("I21", 5)).filteredOn(s -> s.key().equals("IR_CIM_V:I21")).singleElement()
                .satisfies(s -> {
                    assertThat(s.text()).isEqualTo("I21");
                    assertThat(s.label()).isEqualTo("Infarctus aigu du myocarde");
                });
        assertThat(index.suggest("infarctus ai", 5)).allSatisfy(s -> assertThat(s.label()).isEmpty());
    }

    @Test
    void aWordEndingFindsTheDrugCodesWhoseSubstanceEndsWithItAndTheirClassButNotOtherDrugs() {
        try (SearchIndex atc = SearchIndex.inMemory()) {
            atc.rebuild(java.util.stream.Stream.concat(FIXTURE.stream(), java.util.stream.Stream.of(
                    SearchDocument.nomenclature("IR_PHA_R", "ATC", "Classification ATC"),
                    SearchDocument.code("IR_PHA_R", "ATC", "Classification ATC", "C10AA", "ATORVASTATINE, SIMVASTATINE"),
                    SearchDocument.code("IR_PHA_R", "ATC", "Classification ATC", "C10AA05", "ATORVASTATINE"),
                    SearchDocument.code("IR_PHA_R", "ATC", "Classification ATC", "C10AA01", "SIMVASTATINE"),
                    SearchDocument.code("IR_PHA_R", "ATC", "Classification ATC", "C09CA01", "LOSARTAN"),
                    SearchDocument.code("IR_PHA_R", "ATC", "Classification ATC", "C09AA05", "RAMIPRIL"))));
            List<String> statine = atc.search(SearchRequest.of("statine")).hits().stream().map(SearchHit::key).toList();
            assertThat(statine).as("-statine is the ending of the statins' names").startsWith("ATC:C10AA")
                    .contains("ATC:C10AA05", "ATC:C10AA01").doesNotContain("ATC:C09AA05", "ATC:C09CA01");
            assertThat(atc.search(SearchRequest.of("sartan")).hits()).extracting(SearchHit::key).containsExactly("ATC:C09CA01");
        }
    }

    @Test
    void badInputGivesAClearEmptyResultNeverAnException() {
        assertThat(index.search(SearchRequest.of("")).hits()).isEmpty();
        assertThat(index.search(SearchRequest.of("  \t ")).notice()).isPresent();
        SearchResult longQuery = index.search(SearchRequest.of("décès ".repeat(2_000)));
        assertThat(longQuery.notice()).hasValueSatisfying(n -> assertThat(n).contains("truncated"));
        for (String syntax : List.of("\"", "*", ":", "(", "~", "\\", "date:(\"décès\"~2)*\\", "AND OR NOT", "-+!^[]{}")) {
            assertThat(index.search(SearchRequest.of(syntax))).isNotNull();
        }
        assertThat(keys("\"date de décès\"")).first().isEqualTo("IR_BEN_R.BEN_DCD_DTE");
        assertThatThrownBy(() -> SearchRequest.of("x").withPage(0, Optional.empty())).isInstanceOf(SearchException.class);
    }

    @Test
    void upsertsAndDeletesAreVisibleToTheNextSearch() {
        index.upsert(List.of(SearchDocument.variable("DCIR", "ER_PRS_F", "Table des prestations", "BEN_CMU_TOP",
                "Top bénéficiaire de la CMU complémentaire", "", "string", List.of())));
        assertThat(keys("cmu complémentaire").get(0)).isEqualTo("ER_PRS_F.BEN_CMU_TOP");
        assertThat(keys("C2S")).contains("ER_PRS_F.BEN_CMU_TOP");
        index.delete(List.of("ER_PRS_F.BEN_CMU_TOP"));
        assertThat(keys("cmu complémentaire")).doesNotContain("ER_PRS_F.BEN_CMU_TOP");
        int before = index.size();
        index.upsert(List.of(FIXTURE.get(0)));
        assertThat(index.size()).isEqualTo(before);
    }

    @Test
    void aRebuildWhoseSourceFailsLeavesTheOldContentSearchable() {
        int before = index.size();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.rebuild(sink -> {
            FIXTURE.subList(0, 3).forEach(sink);
            throw new IllegalStateException("graph read failed");
        })).isInstanceOf(SearchException.class).hasMessageContaining("graph read failed");

        assertThat(index.size()).isEqualTo(before);
        assertThat(keys("BEN_NIR_PSA").get(0)).isEqualTo("IR_BEN_R.BEN_NIR_PSA");
    }

    @Test
    void aFailedRebuildIsNotCommittedByALaterUpsertNorByClosing(@TempDir Path dir) {
        SearchDocument added = SearchDocument.variable("DCIR", "ER_PRS_F", "Table des prestations", "BEN_CMU_TOP",
                "Top bénéficiaire de la CMU complémentaire", "", "string", List.of());
        SearchDocument partial = SearchDocument.table("DCIR", "ER_XXX_F", "Table écrite à moitié");
        try (SearchIndex disk = SearchIndex.open(dir)) {
            disk.rebuild(FIXTURE.stream());
            assertThatThrownBy(() -> disk.rebuild(sink -> {
                sink.accept(partial);
                FIXTURE.subList(0, FIXTURE.size() / 2).forEach(sink);
                throw new IllegalStateException("graph read failed");
            })).isInstanceOf(SearchException.class);
            disk.upsert(List.of(added));
            assertThat(disk.size()).isEqualTo(FIXTURE.size() + 1);
        }
        try (SearchIndex reopened = SearchIndex.open(dir)) {
            assertThat(reopened.size()).isEqualTo(FIXTURE.size() + 1);
            assertThat(reopened.search(SearchRequest.of("ER_XXX_F")).hits()).extracting(SearchHit::key)
                    .doesNotContain("ER_XXX_F");
            for (SearchDocument d : FIXTURE) {
                assertThat(reopened.explain(d.key(), d.key())).as(d.key()).isPresent();
            }
            assertThat(reopened.explain("cmu", added.key())).isPresent();
        }
    }

    @Test
    void anUpsertDuringARebuildWaitsForItAndNeverCommitsItsPartialState(@TempDir Path dir) throws Exception {
        SearchDocument added = SearchDocument.variable("DCIR", "ER_PRS_F", "Table des prestations", "BEN_CMU_TOP",
                "Top bénéficiaire de la CMU complémentaire", "", "string", List.of());
        try (SearchIndex disk = SearchIndex.open(dir)) {
            disk.rebuild(FIXTURE.stream());
            Thread upserter = new Thread(() -> disk.upsert(List.of(added)), "upserter");
            assertThatThrownBy(() -> disk.rebuild(sink -> {
                sink.accept(SearchDocument.table("DCIR", "ER_XXX_F", "Table écrite à moitié"));
                upserter.start();
                // Until the upsert has either finished or is waiting for the rebuild (bounded).
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (upserter.getState() != Thread.State.TERMINATED && upserter.getState() != Thread.State.WAITING
                        && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                throw new IllegalStateException("graph read failed");
            })).isInstanceOf(SearchException.class);
            upserter.join();
        }
        try (SearchIndex reopened = SearchIndex.open(dir)) {
            assertThat(reopened.size()).isEqualTo(FIXTURE.size() + 1);
            assertThat(reopened.explain("x", "ER_XXX_F")).isEmpty();
            assertThat(reopened.explain("x", added.key())).isPresent();
        }
    }

    @Test
    void aFailedRebuildLeavesTheIndexUsableForTheNextRebuild() {
        assertThatThrownBy(() -> index.rebuild(sink -> {
            FIXTURE.subList(0, 3).forEach(sink);
            throw new IllegalStateException("graph read failed");
        })).isInstanceOf(SearchException.class);
        assertThat(index.rebuild(FIXTURE.subList(0, 5).stream())).isEqualTo(5);
        assertThat(index.size()).isEqualTo(5);
    }

    @Test
    void persistsOnDisk(@TempDir Path dir) {
        try (SearchIndex disk = SearchIndex.open(dir)) {
            disk.rebuild(FIXTURE.stream());
        }
        try (SearchIndex reopened = SearchIndex.open(dir)) {
            assertThat(reopened.size()).isEqualTo(FIXTURE.size());
            assertThat(reopened.search(SearchRequest.of("BEN_NIR_PSA")).hits().get(0).key()).isEqualTo("IR_BEN_R.BEN_NIR_PSA");
        }
    }
}

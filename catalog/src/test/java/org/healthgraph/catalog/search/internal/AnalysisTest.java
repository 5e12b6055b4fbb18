package org.healthgraph.catalog.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private final Analyzer french = Analysis.french();
    private final Analyzer identifier = Analysis.identifier(true);

    private List<String> fr(String text) {
        return Analysis.terms(french, Fields.LABEL, text);
    }

    private List<String> id(String text) {
        return Analysis.terms(identifier, Fields.NAME_ID, text);
    }

    @Test
    void removesFrenchElisions() {
        assertThat(fr("l'hospitalisation d'urgence")).containsExactlyElementsOf(fr("hospitalisation urgence"));
        assertThat(fr("l'hospitalisation")).noneMatch(t -> t.contains("'"));
    }

    @Test
    void foldsAccents() {
        assertThat(fr("décès")).isEqualTo(fr("deces"));
        assertThat(fr("Médicament")).isEqualTo(fr("medicament"));
    }

    @Test
    void stemsPluralsLightly() {
        assertThat(fr("diagnostics associés")).isEqualTo(fr("diagnostic associé"));
    }

    @Test
    void dropsFrenchStopWords() {
        assertThat(fr("date de la naissance")).hasSize(2);
        assertThat(fr("la date du décès")).isEqualTo(fr("date décès"));
    }

    @Test
    void keepsTheWholeIdentifierAndSplitsItOnUnderscores() {
        assertThat(id("BEN_NIR_PSA")).contains("ben_nir_psa", "ben", "nir", "psa");
    }

    @Test
    void splitsIdentifiersOnDigitsAndCaseChanges() {
        assertThat(id("NIR_ANO_17")).contains("nir_ano_17", "nir", "ano", "17");
        assertThat(id("T_MCOaaB")).contains("t_mcoaab", "t", "b");
        assertThat(id("PHA_PRS_C13")).contains("c", "13");
    }

    @Test
    void keepsAnUpperCaseRunBeforeLowerCaseOnItsOwn() {
        assertThat(id("T_MCOaaB")).contains("mco");
    }

    @Test
    void identifiersAreNotStemmed() {
        assertThat(id("DIAGNOSTICS")).contains("diagnostics");
    }

    @Test
    void exactTermsIgnoreCaseAccentsAndSurroundingSpace() {
        assertThat(Analysis.exact(" I21 ")).isEqualTo("i21");
        assertThat(Analysis.exact("Décès")).isEqualTo("deces");
    }

    @Test
    void plainTextIsFoldedButNeitherStemmedNorStopFiltered() {
        assertThat(Analysis.terms(Analysis.plain(), Fields.LABEL_PLAIN, "Les diagnostics d'entrée"))
                .containsExactly("les", "diagnostics", "entree");
    }
}

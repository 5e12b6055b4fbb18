package org.healthgraph.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules of the query plan and of the curated synonyms, each on a fixture where the plain text score errs. */
class QueryRulesTest {

    private static List<String> keys(List<SearchDocument> docs, String query) {
        try (SearchIndex index = SearchIndex.inMemory()) {
            index.rebuild(docs.stream());
            return index.search(SearchRequest.of(query).withFacets(false)).hits().stream().map(SearchHit::key).toList();
        }
    }

    @Test
    void aDocumentCoversEveryWordOfTheQueryOnlyWithItsOwnTextNotItsTablesTitle() {
        // The first variable holds "pharmacie" only in its table's title; the second in its own label.
        List<SearchDocument> docs = new java.util.ArrayList<>(List.of(
                SearchDocument.variable("DCIR", "ER_PHA_F", "Données de pharmacie", "BOI_QTE",
                        "Boîtes délivrées", "", "int", List.of()),
                SearchDocument.variable("DCIR", "ER_AUT_F", "Autres données", "AUT_QTE",
                        "Nombre de boîtes de médicaments délivrées par une pharmacie", "", "int", List.of())));
        for (int i = 0; i < 8; i++) {
            docs.add(SearchDocument.variable("DCIR", "ER_PHA_F", "Données de pharmacie", "PHA_" + i,
                    "Code " + i + " de la pharmacie", "", "string", List.of()));
            docs.add(SearchDocument.variable("DCIR", "ER_PRS_F", "Prestations", "PRS_" + i,
                    "Montant " + i + " des soins", "", "string", List.of()));
        }

        assertThat(keys(docs, "boîtes délivrées en pharmacie").get(0)).isEqualTo("ER_AUT_F.AUT_QTE");
    }

    @Test
    void theHospitalMeansThePmsi() {
        List<SearchDocument> docs = List.of(
                SearchDocument.table("DCIR", "ER_CAM_F", "Actes CCAM"),
                SearchDocument.table("PMSI MCO", "T_MCOaaA", "Actes CCAM des séjours"));

        assertThat(keys(docs, "actes ccam à l'hôpital").get(0)).isEqualTo("T_MCOaaA");
    }

    @Test
    void aDrugQueryFindsThePharmacyButAPharmacyQueryPrefersThePharmacy() {
        List<SearchDocument> docs = List.of(
                SearchDocument.table("DCIR", "ER_PHA_F", "Table des données de codage de pharmacie"),
                SearchDocument.variable("CARTOGRAPHIE", "CT_DEP", "Dépenses", "DEP_MED", "Médicaments", "", "int",
                        List.of()));

        assertThat(keys(docs, "pharmacie").get(0)).isEqualTo("ER_PHA_F");
        assertThat(keys(docs, "médicament")).contains("ER_PHA_F");
    }
    @Test
    void aWholeWordSpelledInANameCountsNoMoreThanTheSameWordInALabel() {
        // "pharmacie" is spelled in one name only (rare among names, which are made of abbreviations).
        List<SearchDocument> docs = new java.util.ArrayList<>(List.of(
                SearchDocument.variable("CARTOGRAPHIE_PATHOLOGIES", "CT_DEP", "Dépenses", "PHARMACIE_MNT",
                        "Médicaments remboursés", "", "number", List.of()),
                SearchDocument.variable("DCIR", "ER_ORD_F", "Prestations", "ORD_NUM", "Code pharmacie", "",
                        "string", List.of())));
        for (int i = 0; i < 2000; i++) {
            docs.add(SearchDocument.code("ORAVAL", "IR_EPS_V", "Établissements", "E" + i, "Établissement numéro " + i));
        }

        assertThat(keys(docs, "pharmacie").get(0)).isEqualTo("ER_ORD_F.ORD_NUM");
    }

    @Test
    void theSnddsAbbreviationOfAWordInNamesFindsWhatItNames() {
        // PHA is how SNDS names write "pharmacie" (curated synonym list).
        List<SearchDocument> docs = List.of(
                SearchDocument.variable("DCIR", "ER_XXX_F", "Autres prestations", "PHA_ACT_QSN", "Quantité affinée signée",
                        "", "number", List.of()),
                SearchDocument.variable("DCIR", "ER_XXX_F", "Autres prestations", "PRS_ACT_QSN", "Quantité d'actes",
                        "", "number", List.of()));

        assertThat(keys(docs, "pharmacie")).containsExactly("ER_XXX_F.PHA_ACT_QSN");
    }
    @Test
    void aTwoLetterSynonymIsLookedUpInLabelsNotAmongNameParts() {
        // "professionnel de santé, ps" is a curated synonym; PS in PS_IND is the care pathway.
        List<SearchDocument> docs = new java.util.ArrayList<>(List.of(
                SearchDocument.variable("PMSI MCO", "T_MCOaaFASTC", "Factures", "PS_IND", "Indicateur du parcours de soins",
                        "", "string", List.of()),
                SearchDocument.table("DA_PRA", "DA_PRA_R", "Référentiel des professionnels de santé")));
        for (int i = 0; i < 300; i++) {
            docs.add(SearchDocument.code("ORAVAL", "IR_EPS_V", "Établissements", "E" + i,
                    (i % 10 == 0 ? "Professionnel de santé" : "Établissement") + " numéro " + i));
        }

        assertThat(keys(docs, "professionnels de santé")).first().isEqualTo("DA_PRA_R");
        assertThat(keys(docs, "PS")).contains("T_MCOaaFASTC.PS_IND");
    }
}

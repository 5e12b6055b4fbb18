package org.healthgraph.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference-list and named-list rules, each on a fixture where the plain text score errs. */
class RankingRulesTest {

    static final List<SearchDocument> FIXTURE = List.of(
            SearchDocument.variable("DCIR", "ER_PRS_F", "Prestations", "BEN_DGN_COD", "Diagnostic du bénéficiaire",
                    "IR_CIM_V", "string", List.of(2010)),
            // A copy of the CIM-10 categories that no variable uses; its label is closer to the query text.
            SearchDocument.nomenclature("ORAVAL", "IR_CCI_V", "Catégories CIM"),
            SearchDocument.code("ORAVAL", "IR_CCI_V", "Catégories CIM", "I21", "Infarctus du myocarde"),
            SearchDocument.nomenclature("ORAVAL", "IR_CIM_V", "Tables de codes CIM10"),
            SearchDocument.code("ORAVAL", "IR_CIM_V", "Tables de codes CIM10", "I21",
                    "Infarctus aigu du myocarde"),
            SearchDocument.nomenclature("ORAREF", "NT_LPP", "Nomenclature des produits et prestations"),
            SearchDocument.table("DCIR", "ER_TIP_F", "Prestations de produits"),
            SearchDocument.variable("DCIR", "ER_TIP_F", "Prestations de produits", "TIP_PRS_IDE",
                    "Identifiant de la prestation", "NT_LPP", "string", List.of(2010)),
            SearchDocument.variable("PMSI MCO", "T_MCOaaDMIP", "Dispositifs médicaux", "LPP_COD",
                    "Code LPP", "", "string", List.of(2010)));

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
    void putsTheCodeListVariablesUseBeforeACopyNoVariableUses() {
        assertThat(keys("I21").get(0)).isEqualTo("IR_CIM_V:I21");
        assertThat(keys("infarctus du myocarde").get(0)).isEqualTo("IR_CIM_V:I21");
    }

    @Test
    void aCodeQueryNamingACodeListFavoursTheListAndTheVariablesItCodes() {
        List<String> k = keys("code LPP");
        assertThat(k.subList(0, 2)).containsExactlyInAnyOrder("NT_LPP", "ER_TIP_F.TIP_PRS_IDE");
        assertThat(k.indexOf("T_MCOaaDMIP.LPP_COD")).isGreaterThan(1);
    }
    @Test
    void aCodeQueryNamingAListAndAConceptFavoursTheListsCodesOfThatConcept() {
        List<String> k = keys("code CIM-10 de l'infarctus du myocarde");
        // The variables the list codes come before the variables that merely share words, and the
        // list's code for the concept comes before them: it is what was asked.
        assertThat(k).contains("IR_CIM_V:I21", "ER_PRS_F.BEN_DGN_COD");
        assertThat(k.indexOf("IR_CIM_V:I21")).isLessThan(k.indexOf("ER_PRS_F.BEN_DGN_COD"));
        // Words that no code of the list holds leave the rule out: the list comes first as before.
        assertThat(keys("code LPP des prestations").get(0)).isEqualTo("NT_LPP");
    }

    @Test
    void theSourceProductsVariableComesBeforeACopysEvenWhenTheCopysLabelIsShorter() {
        List<SearchDocument> docs = new java.util.ArrayList<>(List.of(
                SearchDocument.variable("PMSI MCO", "T_MCOaaB", "Description du séjour", "SOR_MOD",
                        "Mode de sortie du champ PMSI-MCO", "", "string", List.of()),
                SearchDocument.variable("PMSI HAD", "T_HADaaB", "Résumés par sous-séquence", "SOR_MOD",
                        "Mode de sortie", "", "string", List.of())));
        for (int i = 0; i < 20; i++) {
            docs.add(SearchDocument.variable("DCIR", "ER_PRS_F", "Prestations", "PRS_" + i,
                    "Montant numéro " + i + " des soins de ville remboursés par l'assurance maladie obligatoire", "", "number",
                    List.of()));
        }
        try (SearchIndex copies = SearchIndex.inMemory()) {
            copies.rebuild(docs.stream());
            assertThat(copies.search(SearchRequest.of("mode de sortie")).hits().get(0).key()).isEqualTo("T_MCOaaB.SOR_MOD");
        }
    }
}

package org.healthgraph.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.InMemoryDocumentation;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.junit.jupiter.api.Test;

/**
 * The signals the documentation gives the search, each on a fixture where the plain text score
 * errs: each test fails when its rule is taken out.
 */
class DocumentationSignalsTest {

    static List<String> keys(List<SearchDocument> docs, String query) {
        try (SearchIndex index = SearchIndex.inMemory()) {
            index.rebuild(docs.stream());
            return index.search(SearchRequest.of(query)).hits().stream().map(SearchHit::key).toList();
        }
    }

    static SearchDocument table(String name, String title) {
        return SearchDocument.table("PMSI MCO", name, title);
    }

    @Test
    void knowledgeRuleFindsTheTableTheDocumentationNamesForAWordNoLabelHolds() {
        List<SearchDocument> docs = List.of(table("T_MCOaaFB", "Fichier des séjours"),
                table("T_MCOaaB", "Fichier des séjours").withKnowledge(
                        "Les IVG en établissement hospitalier s'identifient grâce au GHM dans la base T_MCOaaB.", "",
                        SearchDocument.Prominence.NONE));
        assertThat(keys(docs, "interruption volontaire de grossesse").get(0)).isEqualTo("T_MCOaaB");
    }

    @Test
    void voteRuleFindsTheTablesASectionAboutTheTopicNamesThoughNoTextOfTheirsHoldsTheWord() {
        DocumentKey page = DocumentKey.of("fiches/aides_auditives");
        DocumentKey section = page.section("dans-le-snds");
        DocumentationPage fiche = new DocumentationPage("fiches/aides_auditives.md", "f", List.of(
                new Document(page, "Aides auditives", "", "", List.of(), "fiches/aides_auditives.md", 1, Optional.empty(), 0),
                new Document(section, "Les audioprothèses dans le SNDS", "Aides auditives",
                        "Le détail des audioprothèses se lit dans la table affinée des dispositifs, par le code de la liste.",
                        List.of(), "fiches/aides_auditives.md", 3, Optional.of(page), 1)),
                Optional.empty(),
                List.of(new Mention(section, new MentionTarget(EntryKind.TABLE, "ER_TIP_F"), 4, "ER_TIP_F", ""),
                        new Mention(section, new MentionTarget(EntryKind.VARIABLE, "ER_TIP_F.TIP_PRS_IDE"), 4, "TIP_PRS_IDE", "")),
                List.of());
        List<SearchDocument> docs = new ArrayList<>(DocumentationDocuments.of(fiche));
        docs.add(SearchDocument.table("DCIR", "ER_TIP_F", "Prestations affinées des dispositifs médicaux"));
        docs.add(SearchDocument.variable("DCIR", "ER_TIP_F", "Prestations affinées", "TIP_PRS_IDE", "Code LPP", "NT_LPP",
                "string", List.of()));
        docs.add(SearchDocument.table("DCIR", "ER_PHA_F", "Prestations affinées de pharmacie"));
        List<String> found = keys(docs, "audioprothèses");
        // Neither entry says the word: only the section that names them links them to it.
        assertThat(found).contains("ER_TIP_F", "ER_TIP_F.TIP_PRS_IDE").doesNotContain("ER_PHA_F");
        assertThat(found.stream().filter(k -> !k.startsWith("fiches/")).findFirst()).contains("ER_TIP_F");
    }

    @Test
    void diversityRuleKeepsOneSectionOfAPageAndTwoPassagesInAllOnTheFirstPage() {
        List<SearchDocument> docs = new ArrayList<>();
        for (String page : List.of("fiches/dentaire", "fiches/orthodontie")) {
            for (int i = 0; i < 4; i++) {
                docs.add(SearchDocument.documentation(page + "#s" + i, "Soins dentaires " + i,
                        "Les soins dentaires et prothèses dentaires se lisent dans les prestations.", page + ".md",
                        "", SearchDocument.Glossary.NONE));
            }
        }
        for (int i = 0; i < 12; i++) {
            docs.add(SearchDocument.variable("DCIR", "ER_DEN_F", "Prestations", "DEN_" + i,
                    "Soins dentaires, variable " + i, "", "string", List.of()));
        }
        List<String> found;
        try (SearchIndex index = SearchIndex.inMemory()) {
            index.rebuild(docs.stream());
            found = index.search(SearchRequest.of("soins dentaires").withPage(30, Optional.empty())).hits().stream()
                    .map(SearchHit::key).toList();
        }
        List<String> first = found.subList(0, 10);
        List<String> passages = first.stream().filter(k -> k.startsWith("fiches/")).toList();
        assertThat(passages).hasSize(2);
        assertThat(passages.stream().map(k -> k.split("#")[0]).distinct()).hasSize(2);
        // Nothing is dropped: the passages moved follow the first page.
        assertThat(found.stream().filter(k -> k.startsWith("fiches/"))).hasSize(8);
        assertThat(found.get(10)).startsWith("fiches/");
    }

    @Test
    void topicRulePutsTheTableASectionIsAboutBeforeATableWhoseNameSharesTheAcronym() {
        List<SearchDocument> docs = new ArrayList<>(List.of(table("T_SUPaaALD", "Alternatives à la dialyse (extension .ald)"),
                SearchDocument.table("DCIR", "IR_IMB_R", "Référentiel médicalisé des bénéficiaires").withKnowledge("",
                        "Bénéficiaires du dispositif ALD › Le référentiel des ALD : IR_IMB_R", SearchDocument.Prominence.NONE)));
        for (int i = 0; i < 8; i++) {
            docs.add(table("T_OTHER" + i, "Autre table " + i).withKnowledge("", "Autre sujet " + i + " › Détails",
                    SearchDocument.Prominence.NONE));
        }
        assertThat(keys(docs, "affection de longue durée").get(0)).isEqualTo("IR_IMB_R");
    }

    @Test
    void prominenceRulePutsTheVariableOfTheCentralTableFirstAmongEqualLabels() {
        List<SearchDocument> docs = List.of(
                SearchDocument.variable("DCIR", "KI_ECD_R", "Causes", "BEN_DCD_DTE", "Date de décès du bénéficiaire", "",
                        "date", List.of()),
                SearchDocument.variable("DCIR", "IR_BEN_R", "Référentiel", "BEN_DCD_DTE", "Date de décès du bénéficiaire",
                        "", "date", List.of()).withKnowledge("", "", new SearchDocument.Prominence(12, 18, false)));
        assertThat(keys(docs, "date de décès").get(0)).isEqualTo("IR_BEN_R.BEN_DCD_DTE");
    }

    @Test
    void prominenceIsBounded() {
        float huge = org.healthgraph.catalog.search.internal.DocumentMapper.prominenceWeight(
                new SearchDocument.Prominence(1e9, 1_000_000, false));
        assertThat(huge).isLessThanOrEqualTo(1.5f).isGreaterThan(1.4f);
        assertThat(org.healthgraph.catalog.search.internal.DocumentMapper.prominenceWeight(
                SearchDocument.Prominence.NONE)).isEqualTo(1f);
    }

    @Test
    void copyRuleLowersATableWhoseVariablesAreAMoreCentralTablesOfTheSameProduct() {
        InMemoryDocumentation doc = new InMemoryDocumentation();
        DocumentKey page = DocumentKey.of("fiches/sejours");
        doc.write(new DocumentationPage("fiches/sejours.md", "f", List.of(new Document(page, "Séjours", "", "", List.of(),
                "fiches/sejours.md", 1, Optional.empty(), 0)), Optional.empty(),
                List.of(new Mention(page, new MentionTarget(EntryKind.TABLE, "T_MCOaaC"), 3, "T_MCOaaC", "")), List.of()));
        List<String> vars = List.of("NIR_ANO_17", "ETA_NUM", "RSA_NUM", "EXE_SOI_DTD");
        Knowledge k = Knowledge.of(doc, Map.of(), Map.of("T_MCOaaC", vars, "T_MCOaaCSTC", vars, "T_SSRaaC", vars),
                Map.of("T_MCOaaC", "PMSI MCO", "T_MCOaaCSTC", "PMSI MCO", "T_SSRaaC", "PMSI SSR"));
        assertThat(k.copies()).containsExactly("T_MCOaaCSTC");
        List<SearchDocument> docs = new ArrayList<>();
        for (String t : List.of("T_MCOaaCSTC", "T_MCOaaC")) {
            docs.add(k.enrich(SearchDocument.variable("PMSI MCO", t, "Chaînage", "NIR_ANO_17", "N° anonyme", "",
                    "string", List.of())));
        }
        assertThat(keys(docs, "N° anonyme").get(0)).isEqualTo("T_MCOaaC.NIR_ANO_17");
    }

    @Test
    void glossaryRuleFindsAnAcronymByWhatItStandsFor() {
        List<SearchDocument> docs = List.of(
                SearchDocument.variable("PMSI MCO", "T_MCOaaB", "Séjours", "CAT_ETB", "Catégorie de l'établissement", "",
                        "string", List.of()),
                SearchDocument.variable("PMSI MCO", "T_MCOaaB", "Séjours", "RGP_CAT", "CMD du séjour", "", "string",
                        List.of()),
                SearchDocument.documentation("glossaire/CMD", "CMD - Catégorie majeure de diagnostic",
                        "La classification est structurée en 28 catégories majeures.", "glossaire/CMD.md", "",
                        new SearchDocument.Glossary("CMD", "Catégorie majeure de diagnostic")));
        List<String> k = keys(docs, "catégorie majeure de diagnostic");
        assertThat(k.indexOf("T_MCOaaB.RGP_CAT")).isLessThan(k.indexOf("T_MCOaaB.CAT_ETB") < 0 ? 99 : k.indexOf("T_MCOaaB.CAT_ETB"));
        assertThat(keys(docs, "CMD")).contains("glossaire/CMD");
    }

    @Test
    void categoryRulePutsTheCategoryBeforeItsSubdivisionWhenTheQueryNamesAConcept() {
        List<SearchDocument> docs = List.of(
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "I219", "Infarctus du myocarde"),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "I21", "Infarctus aigu du myocarde"),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "I210", "Infarctus transmural aigu du myocarde"));
        assertThat(keys(docs, "infarctus du myocarde").get(0)).isEqualTo("IR_CIM_V:I21");
        // A code typed is not a concept: the rule leaves it alone.
        assertThat(keys(docs, "I219").get(0)).isEqualTo("IR_CIM_V:I219");
    }

    @Test
    void rootRuleFindsTheCodeWhoseLabelNamesTheConditionByItsAdjective() {
        List<SearchDocument> docs = List.of(
                SearchDocument.variable("PMSI MCO", "T_MCOaaB", "Séjours", "DGN_PAL", "Diagnostic principal", "IR_CIM_V",
                        "string", List.of()),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "F20", "Schizophrénie"),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "F204", "Dépression post-schizophrénique"),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "F32", "Épisodes dépressifs"),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "F320", "Épisode dépressif léger"),
                SearchDocument.variable("DCIR", "ER_PRS_F", "Prestations", "DEP_MNT", "Montant du dépassement", "",
                        "number", List.of()));
        List<String> found = keys(docs, "dépression");
        // Without roots, "dépression" is only in the label of a subdivision of schizophrenia.
        assertThat(found).first().isEqualTo("IR_CIM_V:F32");
        // Roots are read on codes' labels only: a variable's label keeps its light stems.
        assertThat(found).doesNotContain("ER_PRS_F.DEP_MNT");
    }

    @Test
    void categoryLevelRuleTreatsACodeWithoutSubdivisionsAtTheCategoryLengthOfAHierarchyAsACategory() {
        List<SearchDocument> docs = new ArrayList<>(List.of(
                SearchDocument.variable("PMSI MCO", "T_MCOaaB", "Séjours", "DGN_PAL", "Diagnostic principal", "IR_CIM_V",
                        "string", List.of()),
                SearchDocument.variable("DCIR", "ER_PRS_F", "Prestations", "HTA_TOP", "Top hypertension du bénéficiaire", "",
                        "string", List.of()),
                SearchDocument.variable("DCIR", "ER_PRS_F", "Prestations", "ACT_COD", "Code de l'activité", "IR_ACT_V",
                        "string", List.of()),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "I10", "Hypertension essentielle"),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "I15", "Hypertension secondaire"),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "I150", "Hypertension rénovasculaire"),
                SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", "I159", "Hypertension secondaire, sans précision"),
                // A flat list of codes of mixed lengths, where one code happens to extend another: no hierarchy.
                SearchDocument.code("ORAVAL", "IR_ACT_V", "Activités", "HTX", "Hypertension, consultation de suivi par un spécialiste de ville"),
                SearchDocument.code("ORAVAL", "IR_ACT_V", "Activités", "HTC", "Consultation"),
                SearchDocument.code("ORAVAL", "IR_ACT_V", "Activités", "HTC1", "Consultation de suivi")));
        for (String c : List.of("A00", "A01", "B00")) {
            docs.add(SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", c, "Maladie " + c));
            docs.add(SearchDocument.code("ORAVAL", "IR_CIM_V", "CIM10", c + "0", "Forme " + c));
        }
        for (int i = 0; i < 8; i++) {
            docs.add(SearchDocument.code("ORAVAL", "IR_ACT_V", "Activités", "Z" + (10 + i) + "X", "Autre activité " + i));
            docs.add(SearchDocument.code("ORAVAL", "IR_ACT_V", "Activités", "Y" + (100 + i), "Activité longue " + i));
        }
        List<String> found = keys(docs, "hypertension");
        assertThat(found.indexOf("IR_CIM_V:I10")).isGreaterThanOrEqualTo(0)
                .isLessThan(found.indexOf("ER_PRS_F.HTA_TOP"));
        // The flat list's three-letter code without extensions is no category: it stays after the variable.
        assertThat(found.indexOf("IR_ACT_V:HTX")).isGreaterThan(found.indexOf("ER_PRS_F.HTA_TOP"));
    }

    @Test
    void aDocumentationHitShowsItsPathAndAPassageOfItsText() {
        List<SearchDocument> docs = List.of(SearchDocument.documentation("fiches/ivg#hors-etablissement",
                "Interruptions volontaires de grossesse › Hors établissement",
                "Les IVG hors établissement correspondent à la prestation forfait médicament IVG ville.",
                "fiches/ivg.md#hors-etablissement", "PMSI", SearchDocument.Glossary.NONE));
        try (SearchIndex index = SearchIndex.inMemory()) {
            index.rebuild(docs.stream());
            SearchHit hit = index.search(SearchRequest.of("forfait médicament")).hits().get(0);
            assertThat(hit.kind()).isEqualTo(DocumentKind.DOCUMENT);
            assertThat(hit.path()).isEqualTo("fiches/ivg.md#hors-etablissement");
            assertThat(hit.highlights()).singleElement().asString().contains("<em>forfait</em> <em>médicament</em>");
        }
    }

    @Test
    void rareWordRuleReadsATypoSomeLabelHoldsAsTheCommonWordItIsOneEditFrom() {
        List<SearchDocument> docs = new ArrayList<>();
        docs.add(SearchDocument.variable("PMSI", "T_XXX", "X", "DUR_TYPO", "Durée d'hospitalsation", "", "number",
                List.of()));
        for (int i = 0; i < 40; i++) {
            docs.add(SearchDocument.variable("PMSI", "T_T" + i, "X", "HOS_DUR", "Durée d'hospitalisation", "",
                    "number", List.of()));
        }
        // The spell checker reads a word as a typo only when it is rare in the whole index.
        for (int i = 0; i < 150; i++) {
            docs.add(SearchDocument.variable("DCIR", "ER_F" + i + "_F", "X", "MNT_" + i, "Montant remboursé " + i, "",
                    "number", List.of()));
        }
        assertThat(keys(docs, "hospitalsation").get(0)).endsWith(".HOS_DUR");
    }
}

package org.healthgraph.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A code-shaped query (I21, C10AA) finds the code itself and the codes extending it before look-alike
 * codes of other letters (A21, B21, C21 share I21's digits), in an ICD-10-like list where those
 * look-alikes are categories, as prominent as I21 itself, and in an ATC-like list.
 */
class CodeFirstRankingTest {

    SearchIndex index;

    @BeforeEach
    void build() {
        List<SearchDocument> docs = new ArrayList<>();
        docs.add(SearchDocument.nomenclature("ORAVAL", "IR_CIM_V", "Tables de codes CIM10"));
        docs.add(SearchDocument.variable("DCIR", "ER_PRS_F", "Prestations", "BEN_DGN_COD", "Diagnostic du bénéficiaire",
                "IR_CIM_V", "string", List.of(2010)));
        for (String letter : List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L")) {
            for (String n : List.of("20", "21", "22")) {
                docs.add(code("IR_CIM_V", letter + n, "Catégorie " + letter + n));
                for (int d = 0; d < 10; d++) {
                    docs.add(code("IR_CIM_V", letter + n + d, "Sous-catégorie " + letter + n + d));
                }
            }
        }
        // Other lists' codes, so that a name part such as "21" is as rare among the names as in the real catalog.
        docs.add(SearchDocument.nomenclature("ORAVAL", "IR_AUT_V", "Autres codes"));
        for (int i = 0; i < 20_000; i++) {
            docs.add(code("IR_AUT_V", "Q" + (100_000 + i), "Autre code " + i));
        }
        docs.add(SearchDocument.nomenclature("DREES", "ATC", "Classes ATC"));
        for (String c : List.of("C10", "C10A", "C10AA", "C10AA01", "C10AA05", "C10AB", "A10AA", "B10AA", "C09AA")) {
            docs.add(code("ATC", c, "Classe " + c));
        }
        index = SearchIndex.inMemory();
        index.rebuild(docs.stream());
    }

    private static SearchDocument code(String list, String code, String label) {
        return SearchDocument.code("ORAVAL", list, "liste " + list, code, label);
    }

    @AfterEach
    void close() {
        index.close();
    }

    /** The codes among the first hits (the code list holding them is a good answer too, left aside here). */
    List<String> codes(String query, int n) {
        return index.search(SearchRequest.of(query).withPage(n, java.util.Optional.empty())).hits().stream()
                .filter(h -> h.kind() == DocumentKind.CODE).map(SearchHit::key).toList();
    }

    @Test
    void anIcd10CategoryQueryRanksTheCategoryAndItsSubdivisionsBeforeLookAlikesOfOtherLetters() {
        List<String> top = codes("I21", 12);

        assertThat(top.getFirst()).isEqualTo("IR_CIM_V:I21");
        assertThat(top).as("the codes among the first hits of I21: %s", top).hasSizeGreaterThanOrEqualTo(11)
                .allMatch(k -> k.startsWith("IR_CIM_V:I21"));
    }

    @Test
    void anAtcQueryRanksTheClassAndItsSubclassesBeforeLookAlikes() {
        List<String> top = codes("C10AA", 20);

        assertThat(top.getFirst()).isEqualTo("ATC:C10AA");
        assertThat(top).contains("ATC:C10AA01", "ATC:C10AA05");
        int lastChild = Math.max(top.indexOf("ATC:C10AA01"), top.indexOf("ATC:C10AA05"));
        for (String lookAlike : List.of("ATC:A10AA", "ATC:B10AA")) {
            int at = top.indexOf(lookAlike);
            assertThat(at == -1 || at > lastChild).as("%s after the children of C10AA, or absent, in %s", lookAlike, top).isTrue();
        }
    }
}

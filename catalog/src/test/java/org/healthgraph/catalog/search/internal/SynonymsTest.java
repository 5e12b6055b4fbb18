package org.healthgraph.catalog.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SynonymsTest {

    @Test
    void equivalentPhrasesFindEachOther() {
        Synonyms s = Synonyms.parse("CIM-10, CIM10, ICD-10", "test");
        assertThat(s.expansionsOf("cim10")).contains("cim 10", "icd 10");
        assertThat(s.expansionsOf("icd 10")).contains("cim10");
    }

    @Test
    void oneWayRulesExpandOnlyTheirLeftSide() {
        Synonyms s = Synonyms.parse("DP => diagnostic principal", "test");
        assertThat(s.expansionsOf("dp")).containsExactly("diagnostic principal");
        assertThat(s.expansionsOf("diagnostic principal")).isEmpty();
    }

    @Test
    void phrasesAreComparedWithoutCaseOrAccents() {
        Synonyms s = Synonyms.parse("décès, DCD", "test");
        assertThat(s.expansionsOf("deces")).containsExactly("dcd");
    }

    @Test
    void conceptsTakeTheLongestPhraseWithSynonyms() {
        Synonyms s = Synonyms.parse("affection de longue duree, ald\nduree, temps", "test");
        List<Synonyms.Concept> c = s.concepts(List.of("affection", "de", "longue", "duree", "patient"));
        assertThat(c).extracting(Synonyms.Concept::typed).containsExactly("affection de longue duree", "patient");
        assertThat(c.get(0).synonyms()).containsExactly("ald");
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        assertThatThrownBy(() -> Synonyms.parse("# ok\na => b => c", "list.txt"))
                .hasMessageContaining("list.txt line 2");
        assertThatThrownBy(() -> Synonyms.parse("a, , b", "list.txt")).hasMessageContaining("empty phrase");
    }

    @Test
    void curatedListCoversTheSndsAbbreviations() {
        Synonyms s = Synonyms.curated();
        for (String abbreviation : List.of("ald", "dp", "dr", "das", "mco", "ssr", "smr", "had", "ccam", "cip", "ucd",
                "atc", "cim 10", "icd 10", "finess", "ps", "cmu c", "c2s", "ivg", "nir")) {
            assertThat(s.expansionsOf(abbreviation)).as(abbreviation).isNotEmpty();
        }
    }
}

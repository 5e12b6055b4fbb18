package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.healthgraph.linkage.match.LinkageConfig.BlockingRule;
import org.healthgraph.linkage.match.LinkageConfig.Field;
import org.healthgraph.linkage.match.LinkageConfig.FieldType;
import org.healthgraph.linkage.match.internal.Blocking;
import org.healthgraph.linkage.match.internal.Comparison;
import org.healthgraph.linkage.match.internal.FrenchSoundex;
import org.healthgraph.linkage.match.internal.Table;
import org.healthgraph.linkage.match.internal.Text;
import org.junit.jupiter.api.Test;

class FrenchSoundexTest {

    @Test
    void codesFrenchSpellingVariantsAlike() {
        assertThat(FrenchSoundex.encode("DUPONT")).isEqualTo(FrenchSoundex.encode("Dupond")).isEqualTo("DPN");
        assertThat(FrenchSoundex.encode("GAUTHIER")).isEqualTo(FrenchSoundex.encode("GAUTIER")).isEqualTo("KTR");
        assertThat(FrenchSoundex.encode("PHILIPPE")).isEqualTo(FrenchSoundex.encode("FILIPE")).isEqualTo("FLP");
        assertThat(FrenchSoundex.encode("ROUSSEAU")).isEqualTo(FrenchSoundex.encode("ROUSSO")).isEqualTo("RS");
        assertThat(FrenchSoundex.encode("MARTIN")).isEqualTo(FrenchSoundex.encode("MARTINE")).isEqualTo("MRTN");
        assertThat(FrenchSoundex.encode("François")).isEqualTo(FrenchSoundex.encode("FRANSOIS"));
        assertThat(FrenchSoundex.encode("LECLERC")).isEqualTo(FrenchSoundex.encode("LECLERCQ"));
    }

    @Test
    void keepsALeadingVowelAndTellsDifferentNamesApart() {
        assertThat(FrenchSoundex.encode("ARNAUD")).isEqualTo("ARN");
        assertThat(FrenchSoundex.encode("ETIENNE")).isEqualTo("ETN");
        assertThat(FrenchSoundex.encode("MARTIN")).isNotEqualTo(FrenchSoundex.encode("BERNARD"));
        assertThat(FrenchSoundex.encode("SCHMITT")).isEqualTo("SMT");
        assertThat(FrenchSoundex.encode("X")).isEqualTo("X");
        assertThat(FrenchSoundex.encode(" -' ")).isNull();
        assertThat(FrenchSoundex.encode("JEAN-PIERRE")).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void isANameComparisonLevel() {
        Field field = new Field("nom", "v", "v", FieldType.NAME, List.of("exact", "damerau-levenshtein<=1", "soundex-fr"),
                "yyyy-MM-dd", false);
        Table left = Table.of("left.csv", new String[] {"L0", "L1"}, Map.of("v", new String[] {"GAUTHIER", "MARTIN"}));
        Table right = Table.of("right.csv", new String[] {"R0"}, Map.of("v", new String[] {"GOTIER"}));
        Comparison c = Comparison.build(field, left, right);
        Text.Scratch scratch = new Text.Scratch();
        assertThat(c.labels()[c.level(0, 0, scratch)]).isEqualTo("soundex-fr");
        assertThat(c.labels()[c.level(1, 0, scratch)]).isEqualTo("else");
    }

    @Test
    void isABlockingTransform() {
        Table left = Table.of("left.csv", new String[] {"L0"}, Map.of("nom", new String[] {"DUPOND"}));
        Table right = Table.of("right.csv", new String[] {"R0", "R1"}, Map.of("nom", new String[] {"MARTIN", "Dupont"}));
        Blocking b = Blocking.build(List.of(new BlockingRule("sound", List.of("nom|soundex-fr"))), left, right, false,
                Map.of(), 100);
        int[] seen = new int[right.size()];
        java.util.Arrays.fill(seen, -1);
        List<Integer> found = new java.util.ArrayList<>();
        b.candidates(0, seen, (i, j) -> found.add(j));
        assertThat(found).containsExactly(1);
    }
}

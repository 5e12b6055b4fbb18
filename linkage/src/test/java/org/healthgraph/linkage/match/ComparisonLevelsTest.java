package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.healthgraph.linkage.match.LinkageConfig.Field;
import org.healthgraph.linkage.match.LinkageConfig.FieldType;
import org.healthgraph.linkage.match.internal.Comparison;
import org.healthgraph.linkage.match.internal.Table;
import org.healthgraph.linkage.match.internal.Text;
import org.junit.jupiter.api.Test;

class ComparisonLevelsTest {

    private final Text.Scratch scratch = new Text.Scratch();

    /** Level of left value {@code a} against right value {@code b}, by label. */
    private String level(FieldType type, List<String> levels, String a, String b) {
        return level(new Field("f", "v", "v", type, levels, "yyyy-MM-dd", false), a, b);
    }

    private String level(Field field, String a, String b) {
        Table left = Table.of("left.csv", new String[] {"L"}, Map.of("v", new String[] {a}));
        Table right = Table.of("right.csv", new String[] {"R"}, Map.of("v", new String[] {b}));
        Comparison c = Comparison.build(field, left, right);
        int l = c.level(0, 0, scratch);
        return l == Comparison.MISSING ? "missing" : c.labels()[l];
    }

    @Test
    void namesReachExactDamerauLevenshteinJaroWinklerAndElseLevels() {
        List<String> levels = List.of("exact", "damerau-levenshtein<=1", "jaro-winkler>=0.9", "jaro-winkler>=0.8");
        assertThat(level(FieldType.NAME, levels, "Lefèvre", "LEFEVRE")).isEqualTo("exact");
        assertThat(level(FieldType.NAME, levels, "MARTIN", "MRATIN")).isEqualTo("damerau-levenshtein<=1");
        assertThat(level(FieldType.NAME, levels, "LEFEBVRE", "LEFEVRES")).isEqualTo("jaro-winkler>=0.9");
        assertThat(level(FieldType.NAME, levels, "MARTIN", "MARTEAU")).isEqualTo("jaro-winkler>=0.8");
        assertThat(level(FieldType.NAME, levels, "MARTIN", "DURAND")).isEqualTo("else");
        assertThat(level(FieldType.NAME, levels, "MARTIN", null)).isEqualTo("missing");
    }

    /** Level of a left birth name against a right birth name and usage name, by label. */
    private String nameLevel(String leftName, String rightBirth, String rightUsage) {
        List<String> levels = List.of("exact", "damerau-levenshtein<=1", "jaro-winkler>=0.9");
        Field field = new Field("nom", "nom", "nom", FieldType.NAME, levels, "yyyy-MM-dd", false, List.of(), List.of("nom_usage"));
        Table left = Table.of("left.csv", new String[] {"L"}, Map.of("nom", new String[] {leftName}));
        Map<String, String[]> rightColumns = new java.util.HashMap<>();
        rightColumns.put("nom", new String[] {rightBirth});
        rightColumns.put("nom_usage", new String[] {rightUsage});
        Table right = Table.of("right.csv", new String[] {"R"}, rightColumns);
        Comparison c = Comparison.build(field, left, right);
        int l = c.level(0, 0, scratch);
        return l == Comparison.MISSING ? "missing" : c.labels()[l];
    }

    @Test
    void aNameWithSeveralColumnsTakesTheBestLevelOverEveryValue() {
        assertThat(nameLevel("Dupont", "MARTIN", "DUPONT")).isEqualTo("exact");
        assertThat(nameLevel("MARTIN", "MARTIN", "DUPONT")).isEqualTo("exact");
        assertThat(nameLevel("DUPOMT", "MARTIN", "DUPONT")).isEqualTo("damerau-levenshtein<=1");
        assertThat(nameLevel("MARTIN", null, "DUPONT")).isEqualTo("else");
        assertThat(nameLevel("DUPONT", "MARTIN", null)).isEqualTo("else");
        assertThat(nameLevel("DUPONT", null, null)).isEqualTo("missing");
        assertThat(nameLevel(null, "MARTIN", "DUPONT")).isEqualTo("missing");
    }

    @Test
    void aNameWithSeveralColumnsReportsTheValueItAgreesOnForTermFrequencies() {
        Field field = new Field("nom", "nom", "nom", FieldType.NAME, List.of("exact"), "yyyy-MM-dd", true, List.of(),
                List.of("nom_usage"));
        Table left = Table.of("left.csv", new String[] {"L"}, Map.of("nom", new String[] {"DUPONT"}));
        Table right = Table.of("right.csv", new String[] {"R"},
                Map.of("nom", new String[] {"MARTIN"}, "nom_usage", new String[] {"DUPONT"}));
        Comparison c = Comparison.build(field, left, right);
        assertThat(c.rightColumns()).isEqualTo(2);
        assertThat(c.agreedValue(0, 0)).isEqualTo(c.rightValue(0, 1)).isNotEqualTo(c.rightValue(0, 0));
    }

    @Test
    void onlyNameFieldsMayHaveSeveralColumns() {
        assertThatThrownBy(() -> new Field("d", "d", "d", FieldType.DATE, List.of("exact"), "yyyy-MM-dd", false, List.of(),
                List.of("d2"))).isInstanceOf(LinkageException.class).hasMessageContaining("field d").hasMessageContaining("type name");
    }

    @Test
    void packingTheRightValuesOfAllFieldsIntoRowsKeepsEveryLevel() {
        Map<String, String[]> l = Map.of("nom", new String[] {"MARTIN", "DUPONT", null}, "d", new String[] {"1985-05-12", "1970-01-01", null},
                "n", new String[] {"70", null, "81.5"}, "c", new String[] {"I214", "E11", "I50"});
        Map<String, String[]> r = Map.of("nom", new String[] {"MARTIM", "DUPOND", "MARTIN", ""}, "u", new String[] {"", "DUPONT", "", "BERNARD"},
                "d", new String[] {"1985-12-05", "1970-01-02", null, "1985-05-12"}, "n", new String[] {"71", "70", "-3", null},
                "c", new String[] {"I219", "", "E11", "I214"});
        Table left = Table.of("left.csv", new String[] {"L0", "L1", "L2"}, l);
        Table right = Table.of("right.csv", new String[] {"R0", "R1", "R2", "R3"}, r);
        List<Field> fields = List.of(
                new Field("nom", "nom", "nom", FieldType.NAME, List.of("exact", "damerau-levenshtein<=1", "soundex-fr"), "yyyy-MM-dd", true,
                        List.of(), List.of("u")),
                new Field("d", "d", "d", FieldType.DATE, List.of("exact", "day-month-swap", "within-days:1"), "yyyy-MM-dd", false),
                new Field("n", "n", "n", FieldType.NUMBER, List.of("exact", "within:1"), "yyyy-MM-dd", false),
                new Field("c", "c", "c", FieldType.CODE, List.of("exact", "prefix:3", "prefix:1"), "yyyy-MM-dd", true));
        Comparison[] alone = new Comparison[fields.size()];
        Comparison[] packed = new Comparison[fields.size()];
        for (int f = 0; f < alone.length; f++) {
            alone[f] = Comparison.build(fields.get(f), left, right, f, fields);
            packed[f] = Comparison.build(fields.get(f), left, right, f, fields);
        }
        Comparison.pack(packed);
        int differentLevels = 0;
        for (int f = 0; f < alone.length; f++) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < left.size(); i++) {
                for (int j = 0; j < right.size(); j++) {
                    int level = alone[f].level(i, j, scratch);
                    seen.add(level);
                    assertThat(packed[f].level(i, j, scratch)).as(fields.get(f).name() + " " + i + "/" + j).isEqualTo(level);
                    assertThat(packed[f].rightValue(j)).isEqualTo(alone[f].rightValue(j));
                }
            }
            differentLevels += seen.size();
        }
        assertThat(differentLevels).as("the pairs reach many levels").isGreaterThan(10);
    }

    @Test
    void datesReachEachLevel() {
        List<String> levels = List.of("exact", "day-month-swap", "within-days:1", "within-days:10", "same-year-month", "same-year");
        assertThat(level(FieldType.DATE, levels, "1985-05-12", "1985-05-12")).isEqualTo("exact");
        assertThat(level(FieldType.DATE, levels, "1985-05-12", "1985-12-05")).isEqualTo("day-month-swap");
        assertThat(level(FieldType.DATE, levels, "1985-05-31", "1985-06-01")).isEqualTo("within-days:1");
        assertThat(level(FieldType.DATE, levels, "1985-05-12", "1985-05-20")).isEqualTo("within-days:10");
        assertThat(level(FieldType.DATE, levels, "1985-05-01", "1985-05-30")).isEqualTo("same-year-month");
        assertThat(level(FieldType.DATE, levels, "1985-01-01", "1985-09-30")).isEqualTo("same-year");
        assertThat(level(FieldType.DATE, levels, "1985-01-01", "1986-09-30")).isEqualTo("else");
        assertThat(level(FieldType.DATE, levels, null, "1986-09-30")).isEqualTo("missing");
    }

    @Test
    void numbersCodesAndExactFieldsReachEachLevel() {
        List<String> numbers = List.of("exact", "within:1", "within:5");
        assertThat(level(FieldType.NUMBER, numbers, "70", "70.0")).isEqualTo("exact");
        assertThat(level(FieldType.NUMBER, numbers, "70", "71")).isEqualTo("within:1");
        assertThat(level(FieldType.NUMBER, numbers, "70", "74,5")).isEqualTo("within:5");
        assertThat(level(FieldType.NUMBER, numbers, "70", "80")).isEqualTo("else");
        List<String> codes = List.of("exact", "prefix:3", "prefix:1");
        assertThat(level(FieldType.CODE, codes, "I21.4", "I214")).isEqualTo("exact");
        assertThat(level(FieldType.CODE, codes, "I214", "I219")).isEqualTo("prefix:3");
        assertThat(level(FieldType.CODE, codes, "I214", "I50")).isEqualTo("prefix:1");
        assertThat(level(FieldType.CODE, codes, "I214", "E11")).isEqualTo("else");
        assertThat(level(FieldType.EXACT, List.of("exact"), "2", "2")).isEqualTo("exact");
        assertThat(level(FieldType.EXACT, List.of("exact"), "2", "1")).isEqualTo("else");
        assertThat(level(FieldType.EXACT, List.of("exact"), "", "1")).isEqualTo("missing");
    }

    @Test
    void jaroWinklerAgreesWithApacheCommonsText() {
        JaroWinklerSimilarity oracle = new JaroWinklerSimilarity();
        String[][] pairs = {{"MARTHA", "MARHTA"}, {"DWAYNE", "DUANE"}, {"DIXON", "DICKSONX"}, {"LEFEBVRE", "LEFEVRE"},
            {"JEAN PIERRE", "JEAN"}, {"A", "B"}, {"ABC", "ABC"}};
        for (String[] p : pairs) {
            assertThat(Text.jaroWinkler(p[0].toCharArray(), p[1].toCharArray(), scratch))
                    .as(p[0] + "/" + p[1]).isCloseTo(oracle.apply(p[0], p[1]), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void damerauLevenshteinCountsTranspositionsAsOneEdit() {
        assertThat(Text.damerauLevenshtein("MARTIN".toCharArray(), "MRATIN".toCharArray(), 5, scratch)).isEqualTo(1);
        assertThat(Text.damerauLevenshtein("MARTIN".toCharArray(), "MARTINE".toCharArray(), 5, scratch)).isEqualTo(1);
        assertThat(Text.damerauLevenshtein("KITTEN".toCharArray(), "SITTING".toCharArray(), 5, scratch)).isEqualTo(3);
        assertThat(Text.damerauLevenshtein("KITTEN".toCharArray(), "SITTING".toCharArray(), 1, scratch)).isEqualTo(2);
    }

    @Test
    void rejectsALevelThatDoesNotFitTheFieldType() {
        assertThatThrownBy(() -> level(FieldType.DATE, List.of("exact", "jaro-winkler>=0.9"), "1985-05-12", "1985-05-12"))
                .isInstanceOf(LinkageException.class).hasMessageContaining("field f").hasMessageContaining("jaro-winkler>=0.9");
        assertThatThrownBy(() -> level(FieldType.NAME, List.of("exact", "prefix:3"), "A", "B"))
                .isInstanceOf(LinkageException.class).hasMessageContaining("does not fit");
    }

    @Test
    void rejectsValuesThatAreNotDatesNamingFileLineAndColumnButNotTheValue() {
        assertThatThrownBy(() -> level(FieldType.DATE, List.of("exact"), "1985-05-12", "12/05/1985"))
                .isInstanceOf(LinkageException.class)
                .hasMessageContaining("right.csv line 2, column v").hasMessageNotContaining("12/05/1985");
    }
}

package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.healthgraph.linkage.match.LinkageConfig.Field;
import org.healthgraph.linkage.match.LinkageConfig.FieldType;
import org.healthgraph.linkage.match.internal.Comparison;
import org.healthgraph.linkage.match.internal.NameEquivalences;
import org.healthgraph.linkage.match.internal.Table;
import org.healthgraph.linkage.match.internal.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison levels users of Splink and fastLink expect: reversed columns, name equivalences, one year apart. */
class NewComparisonLevelsTest {

    @TempDir
    Path dir;

    private final Text.Scratch scratch = new Text.Scratch();

    /** Level labels of the two name fields nom and prenom for one left and one right record. */
    private String[] nameLevels(List<String> nomLevels, List<String> prenomLevels, String[] leftNames, String[] rightNames,
                                List<String> equivalences) {
        List<Field> fields = List.of(
                new Field("nom", "nom", "nom", FieldType.NAME, nomLevels, "yyyy-MM-dd", false, List.of(), List.of(), List.of()),
                new Field("prenom", "prenom", "prenom", FieldType.NAME, prenomLevels, "yyyy-MM-dd", false, List.of(), List.of(),
                        equivalences));
        Map<String, String[]> l = new HashMap<>();
        l.put("nom", new String[] {leftNames[0]});
        l.put("prenom", new String[] {leftNames[1]});
        Map<String, String[]> r = new HashMap<>();
        r.put("nom", new String[] {rightNames[0]});
        r.put("prenom", new String[] {rightNames[1]});
        Table left = Table.of("left.csv", new String[] {"L"}, l);
        Table right = Table.of("right.csv", new String[] {"R"}, r);
        String[] out = new String[2];
        for (int f = 0; f < 2; f++) {
            Comparison c = Comparison.build(fields.get(f), left, right, f, fields);
            int level = c.level(0, 0, scratch);
            out[f] = level == Comparison.MISSING ? "missing" : c.labels()[level];
        }
        return out;
    }

    private String[] names(String[] leftNames, String[] rightNames) {
        return nameLevels(List.of("exact", "damerau-levenshtein<=1", "reversed:prenom"),
                List.of("exact", "damerau-levenshtein<=1", "equivalent", "reversed:nom"), leftNames, rightNames, List.of());
    }

    @Test
    void firstNameAndSurnameSwappedBetweenTheColumnsReachTheReversedLevelOnBothFields() {
        assertThat(names(new String[] {"Pierre", "Durand"}, new String[] {"DURAND", "PIERRE"}))
                .containsExactly("reversed:prenom", "reversed:nom");
        assertThat(names(new String[] {"DURAND", "PIERRE"}, new String[] {"DURAND", "PIERRE"})).containsExactly("exact", "exact");
        assertThat(names(new String[] {"DURAND", "PAUL"}, new String[] {"MARTIN", "PIERRE"})).containsExactly("else", "else");
        assertThat(names(new String[] {null, "DURAND"}, new String[] {"DURAND", "PIERRE"})).containsExactly("missing", "reversed:nom");
    }

    @Test
    void aStrongerLevelWinsOverTheReversedOne() {
        // the surname also equals the other record's first name: exact comes first
        assertThat(names(new String[] {"MARTIN", "MARTIN"}, new String[] {"MARTIN", "MARTIN"})).containsExactly("exact", "exact");
        assertThat(names(new String[] {"MARTIM", "PAUL"}, new String[] {"MARTIN", "MARTIM"})[0]).isEqualTo("damerau-levenshtein<=1");
    }

    @Test
    void aReversedLevelMustNameAnotherNameField() {
        assertThatThrownBy(() -> nameLevels(List.of("exact", "reversed:age"), List.of("exact"), new String[] {"A", "B"},
                new String[] {"A", "B"}, List.of())).isInstanceOf(LinkageException.class).hasMessageContaining("reversed:age")
                .hasMessageContaining("names no configured field");
        assertThatThrownBy(() -> nameLevels(List.of("exact", "reversed:nom"), List.of("exact"), new String[] {"A", "B"},
                new String[] {"A", "B"}, List.of())).isInstanceOf(LinkageException.class).hasMessageContaining("another field");
    }

    @Test
    void diminutivesShortFormsAndCompoundFirstNamesAreEquivalentThroughTheBuiltInTable() {
        String[][] equivalent = {{"Cathy", "Catherine"}, {"KATY", "CATHERINE"}, {"FRANCK", "FRANÇOIS"}, {"Jean-Pierre", "PIERRE"},
            {"JEAN PIERRE", "PIERROT"}, {"ALEX", "SACHA"}, {"Marie-Claire", "Marie"}, {"BABETH", "ELISABETH"}};
        for (String[] p : equivalent) {
            assertThat(names(new String[] {"X", p[0]}, new String[] {"X", p[1]})[1]).as(p[0] + "/" + p[1]).isEqualTo("equivalent");
        }
        String[][] different = {{"JEAN PIERRE", "JEAN LUC"}, {"PIERRE", "JEAN"}, {"CATHERINE", "CHRISTINE"}};
        for (String[] p : different) {
            assertThat(names(new String[] {"X", p[0]}, new String[] {"X", p[1]})[1]).as(p[0] + "/" + p[1]).isEqualTo("else");
        }
    }

    @Test
    void usersExtendTheBuiltInTableWithTheirOwnFile() throws IOException {
        Path mine = dir.resolve("mine.csv");
        Files.writeString(mine, "# regional forms\nname,canonical\nYANN,JEAN\nJANIK,YANN\n");
        List<String> levels = List.of("exact", "equivalent");
        String[] withBoth = nameLevels(List.of("exact"), levels, new String[] {"X", "JANIK"}, new String[] {"X", "JEANNOT"},
                List.of(NameEquivalences.BUILTIN, mine.toString()));
        assertThat(withBoth[1]).isEqualTo("equivalent");
        String[] builtinOnly = nameLevels(List.of("exact"), levels, new String[] {"X", "JANIK"}, new String[] {"X", "JEANNOT"},
                List.of());
        assertThat(builtinOnly[1]).isEqualTo("else");
    }

    @Test
    void anEquivalenceFileWithACycleIsRefusedNamingItsLines() throws IOException {
        Path cycle = dir.resolve("cycle.csv");
        Files.writeString(cycle, "name,canonical\nKIKI,CHRISTIAN\nCHRISTIAN,TITOU\nTITOU,KIKI\n");
        assertThatThrownBy(() -> NameEquivalences.load(List.of(NameEquivalences.BUILTIN, cycle.toString())))
                .isInstanceOf(LinkageException.class).hasMessageContaining("cycle")
                .hasMessageContaining("cycle.csv line 2").hasMessageContaining("cycle.csv line 3").hasMessageContaining("cycle.csv line 4");
        Files.writeString(cycle, "CHRIS,CHRISTOPHE\nCHRISTOPHE,CHRIS\n");
        assertThatThrownBy(() -> NameEquivalences.load(List.of(cycle.toString()))).hasMessageContaining("lines cycle.csv line 1, cycle.csv line 2");
        Files.writeString(cycle, "ANNE,ANNE\n");
        assertThatThrownBy(() -> NameEquivalences.load(List.of(cycle.toString()))).hasMessageContaining("cycle.csv line 1: maps a name to itself");
    }

    @Test
    void aMalformedEquivalenceLineIsRefusedNamingFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "name,canonical\nCATHY,CATHERINE,KATE\n");
        assertThatThrownBy(() -> NameEquivalences.load(List.of(bad.toString())))
                .hasMessageContaining("bad.csv line 2").hasMessageContaining("two names");
        Files.writeString(bad, "CATHY,123\n");
        assertThatThrownBy(() -> NameEquivalences.load(List.of(bad.toString()))).hasMessageContaining("bad.csv line 1: a name is empty");
        assertThatThrownBy(() -> NameEquivalences.load(List.of("builtin:english"))).hasMessageContaining("unknown built-in table");
    }

    @Test
    void theBuiltInTableHasNoCycleAndAChainEndsAtItsCanonicalName() {
        NameEquivalences table = NameEquivalences.builtin();
        assertThat(table.size()).isGreaterThan(100);
        assertThat(table.roots("KATY")).containsExactly("CATHERINE");
        assertThat(table.roots("ALEX")).containsExactly("ALEXANDRA", "ALEXANDRE", "ALEXIS");
        assertThat(table.roots("DURAND")).containsExactly("DURAND");
        assertThat(table.equivalent("SANDY", "ALEXANDRA")).isTrue();
    }

    @Test
    void birthDatesOneYearApartOnTheSameDayAndMonthReachTheirLevel() {
        Field f = new Field("d", "d", "d", FieldType.DATE, List.of("exact", "one-year-apart", "within-days:31"), "yyyy-MM-dd", false);
        assertThat(dateLevel(f, "1985-05-12", "1986-05-12")).isEqualTo("one-year-apart");
        assertThat(dateLevel(f, "1985-05-12", "1984-05-12")).isEqualTo("one-year-apart");
        assertThat(dateLevel(f, "1985-05-12", "1987-05-12")).isEqualTo("else");
        assertThat(dateLevel(f, "1985-05-12", "1986-05-13")).isEqualTo("else");
        assertThat(dateLevel(f, "1985-12-31", "1986-01-01")).isEqualTo("within-days:31");
        assertThatThrownBy(() -> dateLevel(new Field("d", "d", "d", FieldType.DATE, List.of("exact", "two-years-apart"), "yyyy-MM-dd",
                false), "1985-05-12", "1985-05-12")).hasMessageContaining("one-year-apart").hasMessageContaining("two-years-apart");
    }

    private String dateLevel(Field f, String a, String b) {
        Comparison c = Comparison.build(f, Table.of("l.csv", new String[] {"L"}, Map.of("d", new String[] {a})),
                Table.of("r.csv", new String[] {"R"}, Map.of("d", new String[] {b})));
        int level = c.level(0, 0, scratch);
        return level == Comparison.MISSING ? "missing" : c.labels()[level];
    }

    @Test
    void theConfigurationResolvesEquivalenceFilesAgainstItsFolderAndRefusesThemOnOtherTypes() throws IOException {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, """
                left: {path: a.csv, id: id}
                right: {path: b.csv, id: id}
                fields:
                  - {name: prenom, type: name, levels: [exact, equivalent], equivalences: [builtin:prenoms-fr, extra.csv]}
                blocking: [[prenom]]
                """);
        Field prenom = LinkageConfigs.read(config).fields().getFirst();
        assertThat(prenom.equivalences()).containsExactly(NameEquivalences.BUILTIN, dir.resolve("extra.csv").toAbsolutePath().toString());
        Files.writeString(config, """
                left: {path: a.csv, id: id}
                fields:
                  - {name: d, type: date, levels: [exact], equivalences: extra.csv}
                blocking: [[d]]
                """);
        assertThatThrownBy(() -> LinkageConfigs.read(config)).hasMessageContaining("equivalences are for type name only");
        Files.writeString(config, """
                left: {path: a.csv, id: id}
                fields:
                  - {name: d, type: date, level: [exact]}
                blocking: [[d]]
                """);
        assertThatThrownBy(() -> LinkageConfigs.read(config)).hasMessageContaining("field d: unknown key 'level'");
    }
}

package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.healthgraph.linkage.match.LinkageConfig.Field;
import org.healthgraph.linkage.match.LinkageConfig.FieldType;
import org.healthgraph.linkage.match.internal.Table;
import org.healthgraph.linkage.match.internal.Tiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiValuedNameTest {

    @TempDir
    Path dir;

    @Test
    void readsAColumnListAsTheMainColumnAndItsAlternatives() throws IOException {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, """
                left: {path: a.csv, id: id}
                right: {path: b.csv, id: id}
                fields:
                  - {name: nom, type: name, leftColumn: nom, rightColumn: [nom, nom_usage]}
                  - {name: prenom, type: name, column: [prenom, prenom2]}
                blocking: [[nom]]
                """);
        LinkageConfig c = LinkageConfigs.read(config);
        Field nom = c.fields().getFirst();
        assertThat(nom.leftColumns()).containsExactly("nom");
        assertThat(nom.rightColumns()).containsExactly("nom", "nom_usage");
        assertThat(c.fields().get(1).leftColumns()).containsExactly("prenom", "prenom2");
        assertThat(c.fields().get(1).rightAlternatives()).containsExactly("prenom2");
    }

    @Test
    void theTieredBaselineJoinsOnTheUsageNameToo() {
        List<Field> fields = List.of(
                new Field("nom", "nom", "nom", FieldType.NAME, List.of("exact"), "yyyy-MM-dd", false, List.of(), List.of("nom_usage")),
                new Field("date", "date", "date", FieldType.EXACT, List.of("exact"), "yyyy-MM-dd", false));
        Table left = Table.of("left.csv", new String[] {"L0", "L1"},
                Map.of("nom", new String[] {"DUPONT", "MARTIN"}, "date", new String[] {"1970-01-01", "1980-02-02"}));
        Table right = Table.of("right.csv", new String[] {"R0", "R1"}, Map.of(
                "nom", new String[] {"BERNARD", "MARTIN"},
                "nom_usage", new String[] {"DUPONT", ""},
                "date", new String[] {"1970-01-01", "1980-02-02"}));
        List<Tiers.TierLink> links = Tiers.link(fields, left, right);
        assertThat(links).extracting(Tiers.TierLink::left, Tiers.TierLink::right, Tiers.TierLink::tier)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, 0, "all"),
                        org.assertj.core.groups.Tuple.tuple(1, 1, "all"));
    }
}

package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.healthgraph.linkage.match.LinkageJob.Strategy;
import org.healthgraph.linkage.pseudonym.PseudonymFiles;
import org.healthgraph.linkage.pseudonym.PseudonymKey;
import org.healthgraph.linkage.pseudonym.Pseudonymiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Direct linkage (the SNDS "appariement direct"): an exact join on the pseudonyms of both files. */
class DirectLinkageTest {

    @TempDir
    Path dir;

    @Test
    void linksRecordsWhosePseudonymIsUniqueOnBothSidesAndCountsTheOthers() throws IOException {
        Pseudonymiser p = Pseudonymiser.withKey(PseudonymKey.of(new byte[32]));
        // the cohort holds identifiers; the national file holds pseudonyms only (made with the same key)
        Files.writeString(dir.resolve("cohort-raw.csv"), """
                id,nir,naissance,sexe
                C1,185057800608436,1985-05-12,1
                C2,285057800608436,1985-05-12,2
                C3,190017500000012,1990-01-01,1
                C4,170017500000099,1970-01-01,2
                """);
        PseudonymFiles.pseudonymise(p, dir.resolve("cohort-raw.csv"), dir.resolve("cohort.csv"),
                new PseudonymFiles.Options(List.of("nir", "naissance", "sexe"), "pseudonym", false, false, ',', false));
        String twins = p.pseudonym("190017500000012", "1990-01-01", "1");
        Files.writeString(dir.resolve("national.csv"), "BEN_IDT_ANO;BEN_NIR_PSA\n"
                + "N1;" + p.pseudonym("185057800608436", "1985-05-12", "1") + "\n"
                + "N2;" + p.pseudonym("285057800608436", "1985-05-12", "2") + "\n"
                + "N3;" + twins + "\n"
                + "N4;" + twins + "\n"
                + "N5;\n");
        Path config = dir.resolve("direct.yaml");
        Files.writeString(config, """
                left: {path: cohort.csv, id: id}
                right: {path: national.csv, id: BEN_IDT_ANO, delimiter: ";"}
                direct: {leftColumn: pseudonym, rightColumn: BEN_NIR_PSA}
                """);
        LinkageJob.Summary s = LinkageJob.run(LinkageConfigs.read(config), Strategy.DIRECT, dir.resolve("links.csv"),
                LinkageProgress.NONE);
        assertThat(s.result().links()).extracting(l -> l.leftId() + "-" + l.rightId() + ":" + l.method())
                .containsExactly("C1-N1:direct", "C2-N2:direct");
        LinkageJob.DirectCounts counts = s.direct().orElseThrow();
        assertThat(counts.rightRepeated()).as("twins pseudonymised under one national id").isEqualTo(2);
        assertThat(counts.rightMissing()).isEqualTo(1);
        assertThat(counts.leftRepeated()).isZero();
        assertThat(Evaluation.readPairs(dir.resolve("links.csv"))).hasSize(2);
        assertThatThrownBy(() -> LinkageJob.run(LinkageConfigs.read(config), Strategy.FELLEGI_SUNTER, dir.resolve("fs.csv"),
                LinkageProgress.NONE)).hasMessageContaining("compares fields").hasMessageContaining("direct linkage only");
        assertThat(dir.resolve("fs.csv")).doesNotExist();
    }

    @Test
    void directLinkageNeedsItsColumnsInTheConfiguration() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "id,nom\n1,A\n");
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, """
                left: {path: a.csv, id: id}
                right: {path: a.csv, id: id}
                fields: [{name: nom, type: name}]
                blocking: [[nom]]
                """);
        assertThatThrownBy(() -> LinkageJob.run(LinkageConfigs.read(config), Strategy.DIRECT, dir.resolve("o.csv"),
                LinkageProgress.NONE)).hasMessageContaining("direct: {column: pseudonym}");
        Files.writeString(config, "left: {path: a.csv, id: id}\nright: {path: a.csv, id: id}\ndirect: {columns: p}\n");
        assertThatThrownBy(() -> LinkageConfigs.read(config)).hasMessageContaining("direct: unknown key 'columns'");
        assertThat(Strategy.parse("direct")).isEqualTo(Strategy.DIRECT);
    }
}

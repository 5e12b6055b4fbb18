package org.healthgraph.linkage.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.linkage.match.LinkageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymFilesTest {

    @TempDir
    Path dir;

    private static final PseudonymKey K1 = PseudonymKey.of(filled((byte) 3));
    private static final PseudonymKey K2 = PseudonymKey.of(filled((byte) 4));
    private static final List<String> COLUMNS = List.of("nir", "naissance", "sexe");

    private static byte[] filled(byte b) {
        byte[] k = new byte[32];
        Arrays.fill(k, b);
        return k;
    }

    private Path cohort() throws IOException {
        Path in = dir.resolve("cohort.csv");
        Files.writeString(in, """
                id,nir,age,naissance,sexe,ville
                C1,1 85 05 78 006 084 36,39,1985-05-12,1,Lyon
                C2,285057800608436,39,12/05/1985,F,"Paris, 15e"
                """);
        return in;
    }

    private static PseudonymFiles.Options options(boolean keep, boolean allowInvalid, boolean overwrite) {
        return new PseudonymFiles.Options(COLUMNS, "pseudonym", keep, allowInvalid, ',', overwrite);
    }

    @Test
    void replacesTheIdentifyingColumnsByThePseudonymAndKeepsTheOthers() throws IOException {
        Path out = dir.resolve("out.csv");
        PseudonymFiles.Report r = PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), cohort(), out, options(false, false, false));
        assertThat(r.rows()).isEqualTo(2);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo("id,pseudonym,age,ville");
        String p1 = Pseudonymiser.withKey(K1).pseudonym("185057800608436", "1985-05-12", "1");
        assertThat(lines.get(1)).isEqualTo("C1," + p1 + ",39,Lyon");
        assertThat(lines.get(2)).startsWith("C2,").endsWith(",39,\"Paris, 15e\"").doesNotContain("285057800608436");
        assertThat(Files.readString(out)).doesNotContain("1985").doesNotContain("0608436");
    }

    @Test
    void keepsTheIdentifyingColumnsWhenAsked() throws IOException {
        Path out = dir.resolve("out.csv");
        PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), cohort(), out, options(true, false, false));
        assertThat(Files.readAllLines(out).getFirst()).isEqualTo("id,pseudonym,nir,age,naissance,sexe,ville");
    }

    @Test
    void neverReplacesAnExistingOutputUnlessAskedNorTheInput() throws IOException {
        Path in = cohort();
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "precious\n");
        assertThatThrownBy(() -> PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), in, out, options(false, false, false)))
                .isInstanceOf(LinkageException.class).hasMessageContaining("already exists").hasMessageContaining("--force")
                .satisfies(e -> assertThat(((LinkageException) e).kind()).isEqualTo(ErrorKind.CONFLICT));
        assertThat(Files.readString(out)).isEqualTo("precious\n");
        PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), in, out, options(false, false, true));
        assertThat(Files.readString(out)).contains("pseudonym");
        assertThatThrownBy(() -> PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), in, in, options(false, false, true)))
                .hasMessageContaining("is the input file");
        assertThat(Files.readString(in)).contains("1985-05-12");
    }

    @Test
    void stopsOnAnInvalidIdentifierNamingLineAndRuleAndLeavesNoFile() throws IOException {
        Path in = dir.resolve("bad.csv");
        Files.writeString(in, "id,nir,naissance,sexe\nC1,185057800608436,1985-05-12,1\nC2,18505,1985-05-12,1\n");
        Path out = dir.resolve("out.csv");
        assertThatThrownBy(() -> PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), in, out, options(false, false, false)))
                .hasMessageContaining("bad.csv line 3").hasMessageContaining("nationalId").hasMessageNotContaining("18505");
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
        PseudonymFiles.Report r = PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), in, out, options(false, true, false));
        assertThat(r.invalid()).isEqualTo(1);
        assertThat(Files.readAllLines(out).get(2)).isEqualTo("C2,");
    }

    @Test
    void refusesAMissingColumnAWrongColumnCountAndAnExistingPseudonymColumn() throws IOException {
        Path in = cohort();
        Path out = dir.resolve("out.csv");
        assertThatThrownBy(() -> PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), in, out,
                new PseudonymFiles.Options(List.of("nir", "birth", "sexe"), "pseudonym", false, false, ',', false)))
                .hasMessageContaining("cohort.csv: no column 'birth'");
        assertThatThrownBy(() -> new PseudonymFiles.Options(List.of("nir", "sexe"), "pseudonym", false, false, ',', false))
                .hasMessageContaining("three columns");
        assertThatThrownBy(() -> PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), in, out,
                new PseudonymFiles.Options(COLUMNS, "ville", false, false, ',', false))).hasMessageContaining("already has a column 'ville'");
    }

    @Test
    void aRotatedFileEqualsTheFilePseudonymisedWithTheLongerChain() throws IOException {
        Path in = cohort();
        Path old = dir.resolve("old.csv");
        PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1), in, old, options(false, false, false));
        Path rotated = dir.resolve("rotated.csv");
        PseudonymFiles.Report r = PseudonymFiles.rotate(Pseudonymiser.withKey(K1).rotatedTo(K2), old, rotated, "pseudonym", ',', false);
        assertThat(r.rows()).isEqualTo(2);
        Path direct = dir.resolve("direct.csv");
        PseudonymFiles.pseudonymise(Pseudonymiser.withKey(K1).rotatedTo(K2), in, direct, options(false, false, false));
        assertThat(Files.readAllLines(rotated)).isEqualTo(Files.readAllLines(direct));
        assertThat(Files.readAllLines(old)).isNotEqualTo(Files.readAllLines(rotated));
        Path notPseudonyms = dir.resolve("bad.csv");
        Files.writeString(notPseudonyms, "id,pseudonym\nC1,185057800608436\n");
        assertThatThrownBy(() -> PseudonymFiles.rotate(Pseudonymiser.withKey(K1).rotatedTo(K2), notPseudonyms, dir.resolve("x.csv"),
                "pseudonym", ',', false)).hasMessageContaining("bad.csv line 2, column pseudonym").hasMessageNotContaining("185057800608436");
    }
}

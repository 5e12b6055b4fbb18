package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.app.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import snds-extract}: a first bulk load, a refused second one, then the transactional path;
 * the saved timeline index follows (saved by the bulk load, kept current and saved again by the
 * transactional import, loaded by {@code cohort}, rebuilt by it when the file is cut short).
 */
class ImportSndsExtractCommandIT {

    private static CliRun run(String... args) {
        return InProcessCli.run(args);
    }

    /** The count line of {@code cohort}, without its time. */
    private static String count(String out) {
        return out.lines().filter(l -> l.startsWith("cohort: ")).map(l -> l.replaceAll(", [0-9.]+ ms\\)", ")")).findFirst()
                .orElse("");
    }

    @Test
    void bulkLoadsAFirstExtractThenRefusesASecondBulkLoadAndImportsItByTransactions(@TempDir Path dir) throws Exception {
        Path extract = dir.resolve("extract");
        new SndsExtractGenerator(5).generate(150, extract);
        String data = dir.resolve("data").toString();
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        try {
            CliRun badProject = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--project", "etude a");
            assertThat(badProject.exit()).isEqualTo(2);
            assertThat(badProject.err()).contains("--project: a project code must be");
            assertThat(Path.of(data, "neo4j")).as("refused before anything is written").doesNotExist();

            CliRun bulk = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "bulk",
                    "--project", "etude-a");
            assertThat(bulk.exit()).as(bulk.err()).isZero();
            assertThat(bulk.out()).contains("bulk loaded 150 patients").contains("timeline index saved")
                    .containsPattern("  read IR_BEN_R: [0-9,]+ rows in [0-9.]+ s").contains("  read ER_PRS_F: ")
                    .containsPattern("ATC code list from IR_PHA_R: [0-9]+ codes with labels \\(written to the catalog\\)");
            // The drug codes have labels, so the catalog search finds the statins' class by their names' ending.
            CliRun statine = run("search", "statine", "--data-dir", data);
            assertThat(statine.exit()).as(statine.err()).isZero();
            assertThat(statine.out()).contains("ATC:C10AA").contains("ATORVASTATINE");

            CliRun again = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "BULK");
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("holds patients already").contains("--load transactional");

            CliRun auto = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--project", "etude-b");
            assertThat(auto.exit()).as(auto.err()).isZero();
            assertThat(auto.out()).contains("imported 150 patients").contains("timeline index saved, current with this import")
                    .containsPattern("ATC code list from IR_PHA_R: [0-9]+ codes with labels \\(unchanged\\)");

            Path query = dir.resolve("mi-statin.json");
            Files.writeString(query, """
                    {"index": {"event": {"types": ["HOSPITAL_STAY"], "codes": [{"system": "ICD10", "prefix": "I21"}]}},
                     "rules": [{"label": "statin", "condition": {"event": {"codes": [{"system": "ATC", "prefix": "C10AA"}]},
                                "anchorSide": "END", "maxDays": 30}}], "suppressBelow": 1}""");
            CliRun loaded = run("cohort", "--query", query.toString(), "--data-dir", data);
            assertThat(loaded.exit()).as(loaded.err()).isZero();
            assertThat(loaded.out()).contains("timeline index loaded from its saved file").contains("150 patients indexed");

            Path file = Path.of(data, "journeys", "timeline.idx");
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
            CliRun rebuilt = run("cohort", "--query", query.toString(), "--data-dir", data);
            assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
            assertThat(rebuilt.out()).contains("timeline index rebuilt from the graph").contains("it is truncated")
                    .contains("150 patients indexed");
            assertThat(count(rebuilt.out())).isEqualTo(count(loaded.out())).isNotEmpty();

            // the bulk load put every patient in etude-a, the transactional import added etude-b; etude-z has none
            Path inB = dir.resolve("in-b.json");
            Path inNone = dir.resolve("in-none.json");
            String base = Files.readString(query);
            Files.writeString(inB, base.replace("\"suppressBelow\": 1", "\"suppressBelow\": 1, \"project\": \"etude-b\""));
            Files.writeString(inNone, base.replace("\"suppressBelow\": 1", "\"suppressBelow\": 1, \"project\": \"etude-z\""));
            Path inA = dir.resolve("in-a.json");
            Files.writeString(inA, base.replace("\"suppressBelow\": 1", "\"suppressBelow\": 1, \"project\": \"etude-a\""));
            CliRun a = run("cohort", "--query", inA.toString(), "--data-dir", data);
            CliRun b = run("cohort", "--query", inB.toString(), "--data-dir", data);
            CliRun none = run("cohort", "--query", inNone.toString(), "--data-dir", data);
            assertThat(count(a.out())).as(a.err()).isEqualTo(count(loaded.out()));
            assertThat(count(b.out())).as(b.err()).isEqualTo(count(loaded.out()));
            assertThat(count(none.out())).as(none.err()).startsWith("cohort: 0 patients");

            CliRun wrong = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "fast");
            assertThat(wrong.exit()).isEqualTo(2);
            assertThat(wrong.err()).contains("--load must be auto, bulk or transactional");
        } finally {
            System.clearProperty("spring.graphql.schema.locations");
        }
    }

    @Test
    void rowsBreakingARuleFailTheImportWithASummaryUnlessLenientImportsTheOthers(@TempDir Path dir) throws Exception {
        Path extract = Files.createDirectories(dir.resolve("extract"));
        Files.writeString(extract.resolve("IR_BEN_R.csv"), String.join("\n",
                "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;BEN_NAI_ANN;BEN_RES_DPT;BEN_DCD_DTE",
                "PSA1;1;ID1;1950;75;31/02/2023", "PSA2;1;ID2;19X4;75;", "PSA3;1;ID3;1960;13;05/03/2023", ""));
        String data = dir.resolve("data").toString();
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        try {
            CliRun strict = run("import", "snds-extract", extract.toString(), "--data-dir", data);
            assertThat(strict.exit()).as(strict.err()).isEqualTo(1);
            assertThat(strict.err()).contains("IR_BEN_R.csv line 2 column BEN_DCD_DTE: a date must exist")
                    .contains("IR_BEN_R.csv line 3 column BEN_NAI_ANN: a birth year is four digits")
                    .doesNotContain("31/02").doesNotContain("19X4");
            assertThat(strict.out()).contains("left out, breaking a rule: 2 row(s)")
                    .contains("  1: a birth year is four digits").contains("  1: a date must exist")
                    .contains("nothing imported: 2 row(s) break the rules above").doesNotContain("imported 1 patients");

            CliRun lenient = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--lenient");
            assertThat(lenient.exit()).as(lenient.err()).isZero();
            assertThat(lenient.err()).contains("IR_BEN_R.csv line 2 column BEN_DCD_DTE");
            assertThat(lenient.out()).contains("left out, breaking a rule: 2 row(s)").contains("imported 1 patients");
        } finally {
            System.clearProperty("spring.graphql.schema.locations");
        }
    }
}

package org.healthgraph.importers.snds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientJourney;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SndsExtractImporterTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatTheGeneratorWritesAndTheSameSeedGivesTheSameFiles() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        new SndsExtractGenerator(7).generate(400, a);
        new SndsExtractGenerator(7).generate(400, b);
        assertThat(Files.readAllBytes(a.resolve("ER_PHA_F.csv"))).isEqualTo(Files.readAllBytes(b.resolve("ER_PHA_F.csv")));
        assertThat(Files.readAllBytes(a.resolve("T_MCO23C.csv"))).isEqualTo(Files.readAllBytes(b.resolve("T_MCO23C.csv")));

        SndsExtractImporter.Extract ex = new SndsExtractImporter().read(a);
        assertThat(ex.report().patients()).isEqualTo(400);
        assertThat(ex.report().events()).isGreaterThan(400 * 10);
        assertThat(ex.report().rowsOfUnknownPatients()).isZero();
        assertThat(ex.report().rowsLeftOut()).isZero();
        assertThat(ex.patients()).anySatisfy(p -> assertThat(p.aliases()).hasSize(2));
        assertThat(ex.patients().stream().flatMap(p -> p.events().stream()))
                .anySatisfy(e -> assertThat(e.codes()).contains(new EventCode(CodeSystem.ATC, "C10AA05", CodeRole.DRUG)))
                .anySatisfy(e -> assertThat(e.type()).isEqualTo(EventType.DEATH))
                .anySatisfy(e -> assertThat(e.codes()).anyMatch(c -> c.role() == CodeRole.PRINCIPAL && c.code().startsWith("I21")));
    }

    @Test
    void joinsStaysAcrossBCDAndLeavesOutStaysWithLinkageReturnCodesNotZero() throws IOException {
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;BEN_NAI_ANN;BEN_NAI_MOI;BEN_SEX_COD;BEN_RES_DPT;BEN_DCD_DTE;EXTRA",
                "PSA1;1;ID1;1950;03;1;75;;x", "PSA2;1;ID1;1950;03;1;75;;x", "PSA3;1;ID2;1960;01;2;13;12/05/2023;x");
        write("T_MCO23B.csv", "ETA_NUM;RSA_NUM;DGN_PAL;DGN_REL", "010000001;1;I21.4;", "010000001;2;I500;");
        write("T_MCO23C.csv", "ETA_NUM;RSA_NUM;NIR_ANO_17;EXE_SOI_DTD;EXE_SOI_DTF;NIR_RET;SEJ_RET",
                "010000001;1;PSA2;05MAR2023;10MAR2023;0;0", "010000001;2;PSA3;01APR2023;02APR2023;1;0");
        write("T_MCO23D.csv", "ETA_NUM;RSA_NUM;ASS_DGN", "010000001;1;E119");
        SndsExtractImporter.Extract ex = new SndsExtractImporter().read(dir);
        assertThat(ex.report().patients()).isEqualTo(2);
        assertThat(ex.report().staysWithBadLinkage()).isEqualTo(1);
        PatientJourney one = ex.patients().stream().filter(p -> p.id().value().equals("ID1")).findFirst().orElseThrow();
        assertThat(one.aliases()).containsExactly("BEN_NIR_PSA:PSA1+1", "BEN_NIR_PSA:PSA2+1");
        CareEvent stay = one.events().getFirst();
        assertThat(stay.start()).isEqualTo(LocalDate.of(2023, 3, 5));
        assertThat(stay.end()).isEqualTo(LocalDate.of(2023, 3, 10));
        assertThat(stay.codes()).containsExactlyInAnyOrder(new EventCode(CodeSystem.ICD10, "I214", CodeRole.PRINCIPAL),
                new EventCode(CodeSystem.ICD10, "E119", CodeRole.ASSOCIATED));
        PatientJourney two = ex.patients().stream().filter(p -> p.id().value().equals("ID2")).findFirst().orElseThrow();
        assertThat(two.events()).extracting(CareEvent::type).containsExactly(EventType.DEATH);
    }

    @Test
    void saysHowTheReadingGoesTableByTableWithCountsAndNoContent() throws IOException {
        new SndsExtractGenerator(7).generate(300, dir);
        List<String> lines = new java.util.ArrayList<>();

        SndsExtractImporter.Extract ex = new SndsExtractImporter().withProgress(lines::add).read(dir);

        assertThat(lines).anySatisfy(l -> assertThat(l).matches("read IR_BEN_R: [0-9,]+ rows in [0-9.]+ s"))
                .anySatisfy(l -> assertThat(l).startsWith("read ER_PRS_F: "))
                .anySatisfy(l -> assertThat(l).startsWith("read T_MCO"));
        assertThat(lines).hasSize(ex.report().rowsPerTable().size());
        assertThat(String.join("\n", lines)).doesNotContain(ex.patients().getFirst().id().value());
    }

    @Test
    void detectsCommaSeparatorsAndLatin1Encoding() throws IOException {
        Files.writeString(dir.resolve("IR_BEN_R.csv"), "BEN_NIR_PSA,BEN_RNG_GEM,BEN_IDT_ANO,BEN_RES_DPT,COMMENT\nPSA1,1,ID1,2A,détail\n",
                Charset.forName("windows-1252"));
        SndsExtractImporter.Extract ex = new SndsExtractImporter().read(dir);
        assertThat(ex.patients()).singleElement().satisfies(p -> assertThat(p.department()).isEqualTo("2A"));
    }

    @Test
    void aMissingTableOrColumnIsNamed() throws IOException {
        assertThatThrownBy(() -> new SndsExtractImporter().read(dir)).isInstanceOf(SndsImportException.class)
                .hasMessageContaining("lacks table IR_BEN_R");
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_IDT_ANO", "PSA1;ID1");
        assertThatThrownBy(() -> new SndsExtractImporter().read(dir)).isInstanceOf(SndsImportException.class)
                .hasMessageContaining("IR_BEN_R").hasMessageContaining("lacks required column(s) BEN_RNG_GEM");
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO", "PSA1;1;ID1");
        write("ER_PRS_F.csv", "BEN_NIR_PSA;BEN_RNG_GEM;EXE_SOI_DTD", "PSA1;1;2023-01-01");
        assertThatThrownBy(() -> new SndsExtractImporter().read(dir)).hasMessageContaining("lacks table IR_PHA_R");
    }

    @Test
    void aDateInNoKnownFormatIsLeftOutAndReportedWithFileLineAndColumn() throws IOException {
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;BEN_DCD_DTE", "PSA1;1;ID1;2023.01.05", "PSA2;1;ID2;");
        SndsExtractImporter.Report report = new SndsExtractImporter().read(dir).report();
        assertThat(report.leftOut()).containsExactly(new SndsExtractImporter.LeftOut("IR_BEN_R.csv", 2, "BEN_DCD_DTE",
                SndsDates.RULE));
        assertThat(report.patients()).isEqualTo(1);
    }

    @Test
    void anImpossibleDateIsLeftOutAndReportedNotStoredAsTheLastDayOfTheMonth() throws IOException {
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;BEN_DCD_DTE", "PSA1;1;ID1;31/02/2023", "PSA2;1;ID2;28/02/2023");
        write("T_MCO23B.csv", "ETA_NUM;RSA_NUM;DGN_PAL", "010000001;1;I214", "010000001;2;I214");
        write("T_MCO23C.csv", "ETA_NUM;RSA_NUM;NIR_ANO_17;EXE_SOI_DTD;EXE_SOI_DTF",
                "010000001;1;PSA2;30FEB2023;01MAR2023", "010000001;2;PSA2;2023-02-29;2023-03-01");

        SndsExtractImporter.Extract ex = new SndsExtractImporter().read(dir);

        assertThat(ex.patients()).extracting(p -> p.id().value()).containsExactly("ID2");
        assertThat(ex.patients().getFirst().events()).extracting(CareEvent::type).containsExactly(EventType.DEATH);
        assertThat(ex.report().leftOut()).extracting(SndsExtractImporter.LeftOut::toString).containsExactly(
                "IR_BEN_R.csv line 2 column BEN_DCD_DTE: " + SndsDates.RULE + "; row left out",
                "T_MCO23C.csv line 2 column EXE_SOI_DTD: " + SndsDates.RULE + "; row left out",
                "T_MCO23C.csv line 3 column EXE_SOI_DTD: " + SndsDates.RULE + "; row left out");
        assertThat(ex.report().rowsLeftOutPerRule()).containsExactly(java.util.Map.entry(SndsDates.RULE, 3L));
    }

    @Test
    void aMalformedBirthYearMonthSexOrDepartmentIsLeftOutNotTurnedIntoNothing() throws IOException {
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;BEN_NAI_ANN;BEN_NAI_MOI;BEN_SEX_COD;BEN_RES_DPT",
                "PSA1;1;ID1;19X4;03;1;75", "PSA2;1;ID2;1950;13;1;75", "PSA3;1;ID3;1950;03;M;75", "PSA4;1;ID4;1950;03;1;7A",
                "PSA5;1;ID5;1950;99;2;02B", "PSA6;1;ID6;;;;");

        SndsExtractImporter.Extract ex = new SndsExtractImporter().read(dir);

        assertThat(ex.report().leftOut()).extracting(SndsExtractImporter.LeftOut::line, SndsExtractImporter.LeftOut::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "BEN_NAI_ANN"),
                        org.assertj.core.groups.Tuple.tuple(3L, "BEN_NAI_MOI"),
                        org.assertj.core.groups.Tuple.tuple(4L, "BEN_SEX_COD"),
                        org.assertj.core.groups.Tuple.tuple(5L, "BEN_RES_DPT"));
        assertThat(ex.report().rowsLeftOutPerRule()).containsOnlyKeys(SndsValues.BIRTH_YEAR, SndsValues.BIRTH_MONTH,
                SndsValues.SEX, SndsValues.DEPARTMENT);
        assertThat(ex.patients()).extracting(p -> p.id().value()).containsExactly("ID5", "ID6");
        assertThat(ex.patients().getFirst().birthDate()).contains(LocalDate.of(1950, 7, 1));
        assertThat(ex.patients().getLast().birthDate()).isEmpty();
    }

    @Test
    void aMalformedCodeIsLeftOutAndNoValueIsEverInTheReport() throws IOException {
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO", "PSA1;1;ID1");
        write("T_MCO23B.csv", "ETA_NUM;RSA_NUM;DGN_PAL;DGN_REL", "010000001;1;I2?4;", "010000001;2;I21.4;SECRET-X");
        write("T_MCO23C.csv", "ETA_NUM;RSA_NUM;NIR_ANO_17;EXE_SOI_DTD;EXE_SOI_DTF", "010000001;1;PSA1;05MAR2023;10MAR2023");
        write("IR_PHA_R.csv", "PHA_CIP_C13;PHA_ATC_C07", "3400936403114;C10AA05", "34009364;C10AA05", "3400935955836;10AA01");
        write("ER_PRS_F.csv", "BEN_NIR_PSA;BEN_RNG_GEM;EXE_SOI_DTD;" + CLAIM_KEYS, "PSA1;1;2023-01-10;" + claim(1));
        write("ER_PHA_F.csv", CLAIM_KEYS + ";PHA_PRS_C13;PHA_ACT_QSN", claim(1) + ";3400936403114;2X");

        SndsExtractImporter.Report report = new SndsExtractImporter().read(dir).report();

        assertThat(report.leftOut()).extracting(SndsExtractImporter.LeftOut::toString).containsExactlyInAnyOrder(
                "T_MCO23B.csv line 2 column DGN_PAL: " + SndsValues.ICD10 + "; row left out",
                "T_MCO23B.csv line 3 column DGN_REL: " + SndsValues.ICD10 + "; row left out",
                "IR_PHA_R.csv line 3 column PHA_CIP_C13: " + SndsValues.CIP + "; row left out",
                "IR_PHA_R.csv line 4 column PHA_ATC_C07: " + SndsValues.ATC + "; row left out",
                "ER_PHA_F.csv line 2 column PHA_ACT_QSN: " + SndsValues.QUANTITY + "; row left out");
        assertThat(report.toString()).doesNotContain("SECRET").doesNotContain("I2?4").doesNotContain("2X");
    }

    @Test
    void theDrugReferencesLabelsMakeTheAtcCodeListWithEveryLevelAndNoneWithoutLabels() throws IOException {
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO", "PSA1;1;ID1");
        write("IR_PHA_R.csv", "PHA_CIP_C13;PHA_ATC_C07;PHA_ATC_L07;PHA_ATC_C03;PHA_ATC_L03",
                "3400936403114;C10AA05;ATORVASTATINE;C10;HYPOLIPIDEMIANTS",
                "3400935955836;C10AA01;SIMVASTATINE;C10;HYPOLIPIDEMIANTS",
                "3400935779418;C09AA05;RAMIPRIL;;");
        write("ER_PRS_F.csv", "BEN_NIR_PSA;BEN_RNG_GEM;EXE_SOI_DTD;" + CLAIM_KEYS, "PSA1;1;2023-01-10;" + claim(1));
        write("ER_PHA_F.csv", CLAIM_KEYS + ";PHA_PRS_C13;PHA_ACT_QSN", claim(1) + ";3400936403114;1");

        org.healthgraph.catalog.CatalogUnit unit = new SndsExtractImporter().read(dir).atcCodes().orElseThrow();

        assertThat(unit.nomenclatures()).singleElement().satisfies(n -> assertThat(n.name().value()).isEqualTo("ATC"));
        java.util.Map<String, String> labels = unit.codes().stream().collect(java.util.stream.Collectors.toMap(
                c -> c.ref().code(), org.healthgraph.catalog.Code::label));
        assertThat(labels).containsEntry("C10AA05", "ATORVASTATINE").containsEntry("C10", "HYPOLIPIDEMIANTS")
                .containsEntry("C10AA", "ATORVASTATINE, SIMVASTATINE").containsEntry("C10A", "ATORVASTATINE, SIMVASTATINE")
                .containsEntry("C", "Système cardiovasculaire").containsEntry("C09AA05", "RAMIPRIL")
                .containsEntry("C09", "RAMIPRIL").containsKeys("C09A", "C09AA").hasSize(10);
        assertThat(unit.codes()).filteredOn(c -> c.ref().code().equals("C10AA"))
                .singleElement().satisfies(c -> assertThat(c.columns()).containsEntry("ATC_NIV", "4"));

        write("IR_PHA_R.csv", "PHA_CIP_C13;PHA_ATC_C07", "3400936403114;C10AA05");
        assertThat(new SndsExtractImporter().read(dir).atcCodes()).as("no label column: no list of bare codes").isEmpty();
    }

    @Test
    void aByteThatIsNotUtf8InAUtf8FileStopsTheImportNamingTheFileAndLine() throws IOException {
        // 64 KiB of plain ASCII first: the encoding is detected as UTF-8 from the file's start.
        StringBuilder b = new StringBuilder("BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;BEN_RES_DPT\n");
        int line = 1;
        while (b.length() < 70_000) {
            b.append("PSA").append(line).append(";1;ID").append(line).append(";75\n");
            line++;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(b.toString().getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes("PSAX;1;IDX;7".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9); // 'é' in windows-1252: not UTF-8
        bytes.writeBytes(";\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("IR_BEN_R.csv"), bytes.toByteArray());

        assertThatThrownBy(() -> new SndsExtractImporter().read(dir)).isInstanceOf(SndsImportException.class)
                .hasMessageContaining("IR_BEN_R (IR_BEN_R.csv) line " + (line + 1) + ": a byte sequence that is not UTF-8")
                .hasMessageNotContaining("PSAX")
                .satisfies(e -> assertThat(((SndsImportException) e).kind()).isEqualTo(org.healthgraph.graph.ErrorKind.INVALID_INPUT));

        assertThatThrownBy(() -> new SndsExtractImporter(Optional.empty(), Optional.of(StandardCharsets.UTF_8))
                .read(writeBytes("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO\nPSA1;1;ID", 0xE9, "\n")))
                .hasMessageContaining("IR_BEN_R (IR_BEN_R.csv) line 2: a byte sequence that is not UTF-8");
    }

    @Test
    void aFileMixingUtf8AndWindows1252InItsFirstBytesIsAnErrorNotReadAsEither() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;COMMENT\nPSA1;1;ID1;d\u00e9tail\nPSA2;1;ID2;d"
                .getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.writeBytes("tail\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("IR_BEN_R.csv"), bytes.toByteArray());

        assertThatThrownBy(() -> new SndsExtractImporter().read(dir)).isInstanceOf(SndsImportException.class)
                .hasMessageContaining("IR_BEN_R (IR_BEN_R.csv) line 3: the file mixes UTF-8 with another encoding");
        // Said to be windows-1252, it is read so.
        assertThat(new SndsExtractImporter(Optional.empty(), Optional.of(Charset.forName("windows-1252"))).read(dir)
                .patients()).hasSize(2);
    }

    @Test
    void aLineLongerThanTheLimitIsLeftOutAndReportedNotCountedAsARowOfAnUnknownPatient() throws IOException {
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO", "PSA1;1;ID1");
        write("IR_PHA_R.csv", "PHA_CIP_C13;PHA_ATC_C07", "3400936403114;C10AA05");
        write("ER_PHA_F.csv", CLAIM_KEYS + ";PHA_PRS_C13;PHA_ACT_QSN", claim(1) + ";3400936403114;1");
        write("ER_PRS_F.csv", "BEN_NIR_PSA;BEN_RNG_GEM;EXE_SOI_DTD;" + CLAIM_KEYS,
                "PSA" + "9".repeat(2 * SndsExtractImporter.DEFAULT_MAX_LINE_LENGTH) + ";1;2023-01-10;" + claim(1),
                "PSA1;1;2023-01-10;" + claim(1));

        SndsExtractImporter.Report report = new SndsExtractImporter().read(dir).report();

        assertThat(report.rowsOfUnknownPatients()).isZero();
        assertThat(report.events()).isEqualTo(1);
        assertThat(report.leftOut()).extracting(SndsExtractImporter.LeftOut::toString).containsExactly("ER_PRS_F.csv line 2:"
                + " a line longer than 1048576 characters (raise the limit with --max-line-length); row left out");

        SndsExtractImporter.Report raised = new SndsExtractImporter(Optional.empty(), Optional.empty(),
                3 * SndsExtractImporter.DEFAULT_MAX_LINE_LENGTH).read(dir).report();
        assertThat(raised.rowsLeftOut()).isZero();
        assertThat(raised.rowsOfUnknownPatients()).isEqualTo(1);
    }

    @Test
    void aSymbolicLinkLeadingOutsideTheFolderIsRefusedAndNothingOfItsContentIsShown(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.createSymbolicLink(dir.resolve("IR_BEN_R.csv"), secret);

        assertThatThrownBy(() -> new SndsExtractImporter().read(dir)).isInstanceOf(org.healthgraph.importers.ImportException.class)
                .hasMessageContaining("IR_BEN_R.csv").hasMessageContaining("symbolic link that leads outside the folder")
                .hasMessageContaining(org.healthgraph.importers.InputTree.RULE)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("root:x"));

        Files.delete(dir.resolve("IR_BEN_R.csv"));
        Files.createSymbolicLink(dir.resolve("IR_BEN_R.csv"), Files.writeString(dir.resolve("inside.txt.bak"),
                "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO\nPSA1;1;ID1\n"));
        assertThat(new SndsExtractImporter().read(dir).report().patients()).isEqualTo(1);
    }

    @Test
    void aFileThatIsNoTableIsRefusedWithoutItsFirstLine() throws IOException {
        write("IR_BEN_R.csv", "root:x:0:0:root:/root:/bin/bash");
        assertThatThrownBy(() -> new SndsExtractImporter().read(dir)).hasMessageContaining("lacks required column(s)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("root:x"));
    }

    private static final String CLAIM_KEYS = "DCT_ORD_NUM;FLX_DIS_DTD;FLX_EMT_NUM;FLX_EMT_ORD;FLX_EMT_TYP;FLX_TRT_DTD;"
            + "ORG_CLE_NUM;PRS_ORD_NUM;REM_TYP_AFF";

    private static String claim(int n) {
        return n + ";2023-02-01;1;1;1;2023-02-01;1;1;1";
    }

    private Path writeBytes(String name, String before, int b, String after) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(before.getBytes(StandardCharsets.US_ASCII));
        bytes.write(b);
        bytes.writeBytes(after.getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve(name), bytes.toByteArray());
        return dir;
    }

    private void write(String name, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }
}

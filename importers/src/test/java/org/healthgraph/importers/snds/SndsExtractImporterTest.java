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
    void aDateInNoKnownFormatIsReportedWithTableColumnAndLine() throws IOException {
        write("IR_BEN_R.csv", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;BEN_DCD_DTE", "PSA1;1;ID1;2023.01.05");
        assertThatThrownBy(() -> new SndsExtractImporter().read(dir)).hasMessageContaining("IR_BEN_R.BEN_DCD_DTE line 2");
    }

    private void write(String name, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }
}

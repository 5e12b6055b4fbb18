package org.healthgraph.importers.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientJourney;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FhirImporterTest {

    @TempDir
    Path dir;

    @Test
    void readsASyntheaStyleBundleIntoOnePatientWithCodedEvents() throws URISyntaxException {
        Path bundle = Path.of(getClass().getResource("synthea-bundle.json").toURI());
        FhirImporter.Result r = new FhirImporter().read(bundle);
        assertThat(r.report().patients()).isEqualTo(1);
        assertThat(r.report().codingsOfUnknownSystems()).isEqualTo(1);
        PatientJourney p = r.patients().getFirst();
        assertThat(p.birthDate()).contains(LocalDate.of(1951, 6, 1));
        assertThat(p.sex()).isEqualTo(1);
        assertThat(p.department()).isEqualTo("69");
        assertThat(p.events()).extracting(CareEvent::type).containsExactly(EventType.CONDITION, EventType.HOSPITAL_STAY,
                EventType.MEDICAL_ACT, EventType.DRUG_DISPENSING, EventType.LAB_TEST, EventType.DEATH);
        CareEvent stay = p.events().get(1);
        assertThat(stay.end()).isEqualTo(LocalDate.of(2023, 3, 10));
        assertThat(stay.codes()).contains(new EventCode(CodeSystem.ICD10, "I214", CodeRole.PRINCIPAL),
                new EventCode(CodeSystem.SNOMED, "22298006", CodeRole.PRINCIPAL));
        assertThat(p.events().get(3).quantity()).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotFhirIsNamedWithItsLine() throws IOException {
        Path f = dir.resolve("bad.ndjson");
        Files.writeString(f, "{\"resourceType\": \"Patient\", \"id\": \"a\"}\n{not json\n");
        assertThatThrownBy(() -> new FhirImporter().read(f)).isInstanceOf(FhirImportException.class)
                .hasMessageContaining("bad.ndjson line 2");
    }

    @Test
    void anImpossibleDateIsAnErrorNamingFileLineAndElementButNotTheValue() throws IOException {
        Path f = dir.resolve("p.ndjson");
        Files.writeString(f, "{\"resourceType\": \"Patient\", \"id\": \"a\"}\n"
                + "{\"resourceType\": \"Patient\", \"id\": \"b\", \"birthDate\": \"1980-02-31\"}\n");
        assertThatThrownBy(() -> new FhirImporter().read(f)).isInstanceOf(FhirImportException.class)
                .hasMessageContaining("p.ndjson line 2: not a FHIR R4 JSON resource (element birthDate holds a value")
                .hasMessageNotContaining("1980");
    }

    private static String dispense(String quantity) {
        return "{\"resourceType\": \"MedicationDispense\", \"status\": \"completed\", \"subject\": {\"reference\": \"Patient/a\"},"
                + " \"whenHandedOver\": \"2023-03-05\"" + (quantity == null ? "" : ", \"quantity\": " + quantity) + "}\n";
    }

    @Test
    void aDispensedQuantityWithAFractionIsAnErrorNamingFileLineAndElementNotCutToItsWholePart() throws IOException {
        Path f = dir.resolve("d.ndjson");
        Files.writeString(f, "{\"resourceType\": \"Patient\", \"id\": \"a\"}\n" + dispense("{\"value\": 2}")
                + dispense("{\"value\": 1.75}"));
        assertThatThrownBy(() -> new FhirImporter().read(f)).isInstanceOf(FhirImportException.class)
                .hasMessageContaining("d.ndjson line 3: MedicationDispense.quantity is not a whole number")
                .hasMessageNotContaining("1.75");
    }

    @Test
    void aNegativeOrHugeDispensedQuantityIsAnErrorWhereAWholeOneOrNoneIsKept() throws IOException {
        Path negative = dir.resolve("n.ndjson");
        Files.writeString(negative, "{\"resourceType\": \"Patient\", \"id\": \"a\"}\n" + dispense("{\"value\": -3}"));
        Path huge = dir.resolve("h.ndjson");
        Files.writeString(huge, "{\"resourceType\": \"Patient\", \"id\": \"a\"}\n" + dispense("{\"value\": 4294967298}"));
        Path fine = dir.resolve("f.ndjson");
        Files.writeString(fine, "{\"resourceType\": \"Patient\", \"id\": \"a\"}\n" + dispense("{\"value\": 3.0}")
                + dispense(null) + dispense("{\"unit\": \"box\"}"));

        assertThatThrownBy(() -> new FhirImporter().read(negative)).hasMessageContaining("n.ndjson line 2: MedicationDispense.quantity");
        assertThatThrownBy(() -> new FhirImporter().read(huge)).hasMessageContaining("h.ndjson line 2: MedicationDispense.quantity");
        assertThat(new FhirImporter().read(fine).patients().getFirst().events()).extracting(CareEvent::quantity)
                .containsExactlyInAnyOrder(3, 0, 0);
    }

    @Test
    void aByteThatIsNotUtf8IsNamedWithItsLine() throws IOException {
        Path f = dir.resolve("p.ndjson");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("{\"resourceType\": \"Patient\", \"id\": \"a\"}\n".repeat(2000).getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"resourceType\": \"Patient\", \"id\": \"b\", \"address\": [{\"city\": \"B".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);
        b.writeBytes("ziers\"}]}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(f, b.toByteArray());
        assertThatThrownBy(() -> new FhirImporter().read(f)).isInstanceOf(FhirImportException.class)
                .hasMessageContaining("p.ndjson line 2001: a byte sequence that is not UTF-8");
    }

    @Test
    void aDateIsTheDayWrittenWhateverTheOffsetOrTheTimeZone() throws IOException {
        Path f = dir.resolve("p.ndjson");
        Files.writeString(f, "{\"resourceType\": \"Patient\", \"id\": \"a\", \"birthDate\": \"1980-03-01\","
                + " \"deceasedDateTime\": \"2023-03-05T23:30:00-05:00\"}\n");
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Paris"));
            PatientJourney p = new FhirImporter().read(f).patients().getFirst();
            assertThat(p.birthDate()).contains(LocalDate.of(1980, 3, 1));
            assertThat(p.deathDate()).contains(LocalDate.of(2023, 3, 5));
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
    }

    @Test
    void aSymbolicLinkLeadingOutsideTheFolderIsRefused(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.json"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.createSymbolicLink(dir.resolve("bundle.json"), secret);
        assertThatThrownBy(() -> new FhirImporter().read(dir)).isInstanceOf(org.healthgraph.importers.ImportException.class)
                .hasMessageContaining("bundle.json").hasMessageContaining("symbolic link that leads outside")
                .hasMessageNotContaining("root:x");
        assertThatThrownBy(() -> new FhirImporter().read(dir.resolve("bundle.json")))
                .hasMessageContaining("symbolic link that leads outside").hasMessageNotContaining("root:x");
    }

    @Test
    void aFileThatIsNotJsonIsNotEchoed() throws IOException {
        Path f = Files.writeString(dir.resolve("x.json"), "root:x:0:0:root:/root:/bin/bash\n");
        assertThatThrownBy(() -> new FhirImporter().read(f)).hasMessageContaining("x.json line 1: not a FHIR R4 JSON resource")
                .hasMessageNotContaining("root");
    }
}

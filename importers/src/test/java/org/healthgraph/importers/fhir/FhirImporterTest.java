package org.healthgraph.importers.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
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
}

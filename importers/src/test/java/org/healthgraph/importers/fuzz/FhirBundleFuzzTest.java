package org.healthgraph.importers.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.healthgraph.importers.fhir.FhirImporter;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FHIR bundles and NDJSON files: the first byte chooses the form (even: a .json bundle, odd: .ndjson),
 * the rest is the file.
 */
class FhirBundleFuzzTest {

    private static final Scratch SCRATCH = new Scratch("fhir");

    static Stream<byte[]> seeds() {
        String bundle = """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                 {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1", "gender": "female",
                  "birthDate": "1950-03-01", "address": [{"district": "75"}]}},
                 {"resource": {"resourceType": "Encounter", "id": "e1", "subject": {"reference": "urn:uuid:p1"},
                  "class": {"code": "IMP"}, "period": {"start": "2020-01-02", "end": "2020-01-05"},
                  "reasonCode": [{"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "I21"}]}]}},
                 {"resource": {"resourceType": "MedicationDispense", "id": "m1", "subject": {"reference": "Patient/p1"},
                  "whenHandedOver": "2020-01-10", "medicationCodeableConcept": {"coding": [
                   {"system": "http://www.whocc.no/atc", "code": "C10AA01"}]}}}]}
                """;
        String ndjson = """
                {"resourceType": "Patient", "id": "p2", "gender": "male", "birthDate": "1961"}
                {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p2"}, "onsetDateTime": "2019-05-06", "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "E11"}]}}
                """;
        return Stream.of(prefixed(0, bundle), prefixed(1, ndjson));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyFhirInputIsReadOrRefusedClearly(byte[] input) {
        Path dir = SCRATCH.fresh();
        boolean ndjson = input.length > 0 && (input[0] & 1) == 1;
        byte[] body = input.length > 0 ? java.util.Arrays.copyOfRange(input, 1, input.length) : input;
        Path file = Scratch.write(dir, ndjson ? "bundle.ndjson" : "bundle.json", body);
        FuzzProperty.holds(body, () -> new FhirImporter().read(file));
    }

    static byte[] prefixed(int first, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 1];
        out[0] = (byte) first;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }
}

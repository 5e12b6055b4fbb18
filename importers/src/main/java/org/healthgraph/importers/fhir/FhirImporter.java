package org.healthgraph.importers.fhir;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.importers.InputTree;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;

/**
 * Reads FHIR R4 JSON (one Bundle or resource per {@code .json} file, one resource per line in
 * {@code .ndjson} files) from a file or a folder. Inpatient encounters become HOSPITAL_STAY,
 * others CONSULTATION; Condition becomes CONDITION, MedicationDispense DRUG_DISPENSING,
 * MedicationRequest DRUG_PRESCRIPTION, Procedure MEDICAL_ACT, Observation LAB_TEST, and a deceased
 * Patient a DEATH. Codings of a known system ({@link CodeSystem}) are kept with their system; others
 * are counted in the report.
 */
public final class FhirImporter {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    /** Counts of what was read and left out. */
    public record Report(long files, long resources, long patients, long events, long codingsOfUnknownSystems,
                         long resourcesWithoutPatient) {
    }

    /** The patients and the report. */
    public record Result(List<PatientJourney> patients, Report report) {
    }

    private static final class Acc {
        Patient patient;
        final List<CareEvent> events = new ArrayList<>();
    }

    private final Map<String, Acc> byReference = new LinkedHashMap<>();
    private final Map<String, String> aliasOf = new HashMap<>();
    private final List<Object[]> pending = new ArrayList<>();
    private long files;
    private long resources;
    private long unknownCodings;
    /** Where the resource being accepted was read: the file, and its line in NDJSON ("" for a JSON file). */
    private String place = "";

    /** Reads a file or every .json/.ndjson file of a folder. */
    public Result read(Path path) {
        List<Path> inputs;
        if (Files.isDirectory(path)) {
            inputs = InputTree.files(path, p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".json") || n.endsWith(".ndjson");
            });
        } else {
            if (Files.isSymbolicLink(path)) {
                InputTree.checkInside(path.toAbsolutePath().getParent(), path);
            }
            inputs = List.of(path);
        }
        IParser parser = CONTEXT.newJsonParser();
        for (Path file : inputs) {
            files++;
            readFile(parser, file);
        }
        return finish();
    }

    private void readFile(IParser parser, Path file) {
        boolean ndjson = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ndjson");
        long[] line = {1};
        try {
            if (ndjson) {
                // Lines are cut at their '\n' byte (never part of a UTF-8 sequence) and decoded one by
                // one: a byte that is not UTF-8 is named with its line, where a Reader fails a buffer ahead.
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    for (line[0] = 1; readLine(in, bytes); line[0]++) {
                        String text = utf8(bytes.toByteArray());
                        if (!text.isBlank()) {
                            place = file + " line " + line[0];
                            accept(parse(parser, text, file, line[0]), null);
                        }
                    }
                }
            } else {
                place = file.toString();
                accept(parse(parser, utf8(Files.readAllBytes(file)), file, 1), null);
            }
        } catch (CharacterCodingException e) {
            throw new FhirImportException(file + (ndjson ? " line " + line[0] : "") + ": a byte sequence that is not"
                    + " UTF-8 (FHIR JSON is UTF-8): the file is not imported", e);
        } catch (IOException e) {
            throw new FhirImportException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The element a HAPI message names, when it names one that looks like an element name; else "". */
    private static String element(String message) {
        java.util.regex.Matcher m = ELEMENT.matcher(message == null ? "" : message);
        return m.find() ? " (element " + m.group(1) + " holds a value its type does not allow, an impossible date say)" : "";
    }

    private static final java.util.regex.Pattern ELEMENT = java.util.regex.Pattern.compile("\\[element=\"([A-Za-z][A-Za-z0-9]{0,63})\"\\]");

    /** Reads the bytes of the next line (without its end) into {@code out}; false at the end of the input. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream out) throws IOException {
        out.reset();
        int b = in.read();
        if (b == -1) {
            return false;
        }
        while (b != -1 && b != '\n') {
            out.write(b);
            b = in.read();
        }
        return true;
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static IBaseResource parse(IParser parser, String json, Path file, long line) {
        try {
            return parser.parseResource(json);
        } catch (DataFormatException e) {
            // HAPI's and Jackson's messages quote the input around the fault (a birth date, say): only
            // the element's name is kept.
            throw new FhirImportException(file + " line " + line + ": not a FHIR R4 JSON resource" + element(e.getMessage())
                    + ": the file is not imported", e);
        }
    }

    private void accept(IBaseResource resource, String fullUrl) {
        resources++;
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() != null) {
                    accept(entry.getResource(), entry.getFullUrl());
                }
            }
            return;
        }
        switch (resource) {
            case Patient p -> {
                String id = idOf(p);
                Acc acc = byReference.computeIfAbsent("Patient/" + id, k -> new Acc());
                acc.patient = p;
                if (fullUrl != null) {
                    aliasOf.put(fullUrl, "Patient/" + id);
                }
            }
            case Encounter e -> {
                boolean inpatient = e.hasClass_() && "IMP".equalsIgnoreCase(e.getClass_().getCode());
                later(e.getSubject(), day(e.getPeriod().getStartElement()), day(e.getPeriod().getEndElement()),
                        inpatient ? EventType.HOSPITAL_STAY : EventType.CONSULTATION, "Encounter", 0,
                        codes(e.getType(), CodeRole.OTHER, e.getReasonCode(), inpatient ? CodeRole.PRINCIPAL : CodeRole.OTHER));
            }
            case Condition c -> later(c.getSubject(), day(c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType()
                    : c.getRecordedDateElement()), null, EventType.CONDITION, "Condition", 0, codes(List.of(c.getCode()), CodeRole.OTHER,
                    List.of(), CodeRole.OTHER));
            case MedicationDispense d -> later(d.getSubject(), day(d.getWhenHandedOverElement()), null, EventType.DRUG_DISPENSING,
                    "MedicationDispense", quantity(d),
                    d.hasMedicationCodeableConcept() ? codes(List.of(d.getMedicationCodeableConcept()), CodeRole.DRUG, List.of(),
                            CodeRole.DRUG) : List.of());
            case MedicationRequest m -> later(m.getSubject(), day(m.getAuthoredOnElement()), null, EventType.DRUG_PRESCRIPTION,
                    "MedicationRequest", 0, m.hasMedicationCodeableConcept()
                            ? codes(List.of(m.getMedicationCodeableConcept()), CodeRole.DRUG, List.of(), CodeRole.DRUG) : List.of());
            case Procedure p -> later(p.getSubject(), day(p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType()
                    : p.hasPerformedPeriod() ? p.getPerformedPeriod().getStartElement() : null), null, EventType.MEDICAL_ACT, "Procedure",
                    0, codes(List.of(p.getCode()), CodeRole.ACT, List.of(), CodeRole.ACT));
            case Observation o -> later(o.getSubject(), day(o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType()
                    : o.hasEffectivePeriod() ? o.getEffectivePeriod().getStartElement() : null), null, EventType.LAB_TEST, "Observation", 0,
                    codes(List.of(o.getCode()), CodeRole.OBSERVATION, List.of(), CodeRole.OBSERVATION));
            default -> {
                // other resources are not care events
            }
        }
    }

    /**
     * The units dispensed, a whole number (the events' quantity, as the SNDS extracts' counts); 0 when
     * not given. A fraction (1.5) or a value beyond 0..2,147,483,647 is not silently cut (1.5 was taken
     * as 1): the file is not imported, its place and the element named, never the value.
     */
    private int quantity(MedicationDispense d) {
        if (!d.hasQuantity() || d.getQuantity().getValue() == null) {
            return 0;
        }
        java.math.BigDecimal value = d.getQuantity().getValue();
        try {
            int units = value.intValueExact();
            if (units >= 0) {
                return units;
            }
        } catch (ArithmeticException e) {
            // a fraction or out of range: reported below
        }
        throw new FhirImportException(place + ": MedicationDispense.quantity is not a whole number of units from 0 to "
                + Integer.MAX_VALUE + " (a fraction would be cut): the file is not imported", null);
    }

    private void later(Reference subject, Optional<LocalDate> start, Optional<LocalDate> end, EventType type, String source,
                       int quantity, List<EventCode> codes) {
        if (start.isEmpty()) {
            return;
        }
        LocalDate s = start.get();
        LocalDate e = end == null ? s : end.filter(x -> !x.isBefore(s)).orElse(s);
        pending.add(new Object[] {subject.getReference(), new CareEvent(type, s, e, source, quantity, codes)});
    }

    private List<EventCode> codes(List<CodeableConcept> first, CodeRole firstRole, List<CodeableConcept> second,
                                  CodeRole secondRole) {
        List<EventCode> out = new ArrayList<>();
        add(out, first, firstRole);
        add(out, second, secondRole);
        return out.stream().distinct().toList();
    }

    private void add(List<EventCode> out, List<CodeableConcept> concepts, CodeRole role) {
        for (CodeableConcept c : concepts) {
            for (Coding coding : c.getCoding()) {
                Optional<CodeSystem> system = CodeSystem.fromFhirUri(coding.getSystem());
                if (system.isPresent() && coding.hasCode()) {
                    String code = system.get() == CodeSystem.ICD10 ? coding.getCode().replace(".", "") : coding.getCode();
                    out.add(new EventCode(system.get(), code, role));
                } else {
                    unknownCodings++;
                }
            }
        }
    }

    /** The logical id; inside a Bundle HAPI may give the entry's urn:uuid full URL instead. */
    private static String idOf(Patient p) {
        String id = p.getIdElement().getIdPart();
        return id != null && id.startsWith("urn:uuid:") ? id.substring("urn:uuid:".length()) : id;
    }

    /**
     * The day as written (2023-03-05T23:30:00+01:00 is 5 March): the instant taken to UTC moved it a
     * day back or forth with the offset or the JVM's time zone. A partial date takes the first month
     * or day.
     */
    private static Optional<LocalDate> day(BaseDateTimeType t) {
        if (t == null || t.getValue() == null) {
            return Optional.empty();
        }
        return Optional.of(LocalDate.of(t.getYear(), t.getMonth() + 1, t.getDay()));
    }

    private Result finish() {
        long orphans = 0;
        for (Object[] p : pending) {
            String ref = (String) p[0];
            Acc acc = ref == null ? null : byReference.get(aliasOf.getOrDefault(ref, ref));
            if (acc == null || acc.patient == null) {
                orphans++;
                continue;
            }
            acc.events.add((CareEvent) p[1]);
        }
        List<PatientJourney> out = new ArrayList<>();
        long events = 0;
        for (Acc acc : byReference.values()) {
            if (acc.patient == null) {
                continue;
            }
            Patient p = acc.patient;
            Optional<LocalDate> death = p.hasDeceasedDateTimeType() ? day(p.getDeceasedDateTimeType()) : Optional.empty();
            death.ifPresent(d -> acc.events.add(new CareEvent(EventType.DEATH, d, d, "Patient", 0, List.of())));
            int sex = switch (p.hasGender() ? p.getGender().toCode() : "") {
                case "male" -> 1;
                case "female" -> 2;
                default -> 0;
            };
            String dept = p.hasAddress() && p.getAddressFirstRep().hasPostalCode() && p.getAddressFirstRep().getPostalCode().length() >= 2
                    ? p.getAddressFirstRep().getPostalCode().substring(0, 2) : "";
            Optional<LocalDate> birth = day(p.getBirthDateElement()).map(d -> d.withDayOfMonth(1));
            PatientJourney j = new PatientJourney(new PatientId(idOf(p)),
                    p.getIdentifier().stream().filter(i -> i.hasSystem() && i.hasValue())
                            .map(i -> "FHIR:" + i.getSystem() + "|" + i.getValue()).toList(),
                    birth, sex, dept, death, acc.events);
            events += j.events().size();
            out.add(j);
        }
        return new Result(out, new Report(files, resources, out.size(), events, unknownCodings, orphans));
    }
}

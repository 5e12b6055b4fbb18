package org.healthgraph.journeys;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.healthgraph.graph.GraphKeys;

/**
 * The code systems a care event's codes belong to, each with the catalog nomenclature its Code
 * nodes are keyed under ({@code NOMENCLATURE:CODE}). Hierarchies are code prefixes: ICD-10 I21
 * covers I210 to I219, ATC C10AA covers C10AA05.
 */
public enum CodeSystem {
    /** ICD-10 (CIM-10), the SNDS code list IR_CIM_V. */
    ICD10("IR_CIM_V", "http://hl7.org/fhir/sid/icd-10"),
    /** ATC classes, levels 1 to 5. */
    ATC("ATC", "http://www.whocc.no/atc"),
    /** CIP13 drug presentations, the SNDS drug reference IR_PHA_R. */
    CIP13("IR_PHA_R", "urn:oid:1.2.250.1.213.2.3.1"),
    /** CCAM medical acts, the SNDS code list IR_CCAM_V63. */
    CCAM("IR_CCAM_V63", "https://mos.esante.gouv.fr/NOS/TRE_R38-ActeCCAM"),
    /** SNOMED CT (FHIR sources). */
    SNOMED("SNOMED", "http://snomed.info/sct"),
    /** LOINC (FHIR observations). */
    LOINC("LOINC", "http://loinc.org"),
    /** RxNorm (FHIR medications). */
    RXNORM("RXNORM", "http://www.nlm.nih.gov/research/umls/rxnorm");

    private final String nomenclature;
    private final String fhirUri;

    CodeSystem(String nomenclature, String fhirUri) {
        this.nomenclature = nomenclature;
        this.fhirUri = fhirUri;
    }

    /** The catalog nomenclature that holds this system's Code nodes. */
    public String nomenclature() {
        return nomenclature;
    }

    /** The FHIR system URI. */
    public String fhirUri() {
        return fhirUri;
    }

    /** The Code node key of a code of this system. */
    public String key(String code) {
        return GraphKeys.code(nomenclature, code);
    }

    /** Parses a system name (case-insensitive), failing with the list of known names. */
    public static CodeSystem parse(String name) {
        if (name != null) {
            for (CodeSystem s : values()) {
                if (s.name().equalsIgnoreCase(name.trim()) || s.nomenclature.equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
        }
        throw new InvalidQueryException("unknown code system '" + name + "'; known systems: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** The system of a FHIR system URI, if known. */
    public static Optional<CodeSystem> fromFhirUri(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        String u = uri.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.fhirUri.toLowerCase(Locale.ROOT).equals(u)).findFirst();
    }
}

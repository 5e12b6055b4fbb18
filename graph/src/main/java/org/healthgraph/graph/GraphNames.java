package org.healthgraph.graph;

import java.util.List;

/**
 * The names of the healthgraph property graph (see docs/graph-model in the README): every label,
 * its key property, and every relationship type. Modules use these constants rather than strings.
 */
public final class GraphNames {

    public static final Label DATASET = new Label("Dataset", "name");
    public static final Label TABLE = new Label("Table", "name");
    /** Key: {@code TABLE.VARIABLE}, see {@code VariableRef}. */
    public static final Label VARIABLE = new Label("Variable", "key");
    public static final Label NOMENCLATURE = new Label("Nomenclature", "name");
    /** Key: {@code NOMENCLATURE:CODE}. */
    public static final Label CODE = new Label("Code", "key");
    public static final Label PATIENT = new Label("Patient", "id");
    /** Key: {@code SYSTEM:VALUE}. */
    public static final Label PSEUDONYM = new Label("Pseudonym", "key");
    public static final Label CARE_EVENT = new Label("CareEvent", "id");
    /** An approved study (SNDS "projet") whose patients an analyst may be granted. */
    public static final Label PROJECT = new Label("Project", "key");
    public static final Label RECORD = new Label("Record", "key");
    /** A recorded change of a catalog entry (field, old, new, source, at); key: a random id. */
    public static final Label CHANGE = new Label("Change", "id");
    /** A source file imported into the catalog, with the fingerprint of its last imported content. */
    public static final Label CATALOG_SOURCE = new Label("CatalogSource", "name");
    /**
     * A page or section of the documentation; key: the page's path without {@code .md}, and for a
     * section {@code #} and its anchor ({@code fiches/ivg#les-ivg}).
     */
    public static final Label DOCUMENT = new Label("Document", "key");
    /** A glossary term; key: the key of the glossary page that defines it. */
    public static final Label TERM = new Label("Term", "key");

    public static final RelType HAS_TABLE = new RelType("HAS_TABLE", DATASET, TABLE);
    public static final RelType HAS_VARIABLE = new RelType("HAS_VARIABLE", TABLE, VARIABLE);
    public static final RelType CODED_BY = new RelType("CODED_BY", VARIABLE, NOMENCLATURE);
    public static final RelType HAS_CODE = new RelType("HAS_CODE", NOMENCLATURE, CODE);
    public static final RelType JOINS = new RelType("JOINS", TABLE, TABLE);
    public static final RelType HAS_ALIAS = new RelType("HAS_ALIAS", PATIENT, PSEUDONYM);
    public static final RelType HAD = new RelType("HAD", PATIENT, CARE_EVENT);
    public static final RelType IN_PROJECT = new RelType("IN_PROJECT", PATIENT, PROJECT);
    public static final RelType CODED_AS = new RelType("CODED_AS", CARE_EVENT, CODE);
    public static final RelType LINKED_TO = new RelType("LINKED_TO", RECORD, PATIENT);
    public static final RelType HAS_CHANGE = new RelType("HAS_CHANGE", VARIABLE, CHANGE);
    /** From a page or section to each of its sections. */
    public static final RelType HAS_SECTION = new RelType("HAS_SECTION", DOCUMENT, DOCUMENT);
    /** From a page or section to the page it links to. */
    public static final RelType LINKS_TO = new RelType("LINKS_TO", DOCUMENT, DOCUMENT);
    /** From a glossary page to the term it defines. */
    public static final RelType DEFINES = new RelType("DEFINES", DOCUMENT, TERM);
    /** The name of the relationships from a page or section to the catalog entries it names (see {@link #mentions}). */
    public static final String MENTIONS = "MENTIONS";

    public static final List<Label> LABELS =
            List.of(DATASET, TABLE, VARIABLE, NOMENCLATURE, CODE, PATIENT, PSEUDONYM, CARE_EVENT, RECORD, CHANGE,
                    CATALOG_SOURCE, PROJECT, DOCUMENT, TERM);

    private GraphNames() {
    }

    /** The {@value #MENTIONS} relationship from a page or section to a table, variable, code list or code. */
    public static RelType mentions(Label target) {
        return new RelType(MENTIONS, DOCUMENT, target);
    }

    /**
     * Whether nodes of this label hold patient-level data, whose keys are identifiers: messages and
     * logs never quote them.
     */
    public static boolean isPatientLevel(Label label) {
        return label.equals(PATIENT) || label.equals(PSEUDONYM) || label.equals(CARE_EVENT) || label.equals(RECORD);
    }
}

package org.healthgraph.journeys;

/** The role a code plays in a care event. */
public enum CodeRole {
    /** Principal diagnosis of a stay (PMSI DGN_PAL). */
    PRINCIPAL,
    /** Related diagnosis of a stay (PMSI DGN_REL). */
    RELATED,
    /** Associated diagnosis of a stay (PMSI ASS_DGN). */
    ASSOCIATED,
    /** The drug dispensed or prescribed (CIP13 and its ATC class). */
    DRUG,
    /** A medical act or procedure. */
    ACT,
    /** The underlying cause of a death. */
    CAUSE_OF_DEATH,
    /** A lab test or observation code. */
    OBSERVATION,
    /** A diagnosis outside a stay (a FHIR Condition) or any other role. */
    OTHER
}

package org.healthgraph.graph.audit;

/** What an audit record is about. */
public enum AuditAction {
    /** Patient-level data was read (a journey, a page of cohort patient ids). */
    PATIENT_READ,
    /** A cohort was counted (aggregates only). */
    COHORT_RUN,
    /** A request asked for something its caller may not have (a patient-level field, a threshold under the floor). */
    ACCESS_DENIED,
    /** A user logged in (a token was issued to them, or their provider's token accepted at the login page). */
    LOGIN,
    /** Credentials were presented and refused (a wrong password, an expired, wrongly signed or unknown token). */
    LOGIN_FAILURE,
    /** A caller allowed to do so released counts under the default suppression threshold. */
    THRESHOLD_LOWERED,
    /** The security settings a server started with. */
    SETTINGS,
    /** Patient-level data was written into the graph (an import of journeys). */
    PATIENT_IMPORT,
    /** A steward proposed a change of the catalog (refused: the rule it broke). */
    PROPOSAL,
    /** A steward approved another's proposal, which was applied (refused: why not). */
    APPROVAL,
    /** A steward rejected a proposal (or its author withdrew it). */
    REJECTION,
    /** A steward decided on a linkage pair of a run's review queue (accept, reject, unsure). */
    LINKAGE_REVIEW,
    /** A researcher saved a cohort definition (a new version of one of their names). */
    COHORT_DEFINITION_SAVED
}

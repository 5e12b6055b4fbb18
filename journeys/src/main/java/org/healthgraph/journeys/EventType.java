package org.healthgraph.journeys;

/** The kinds of care event. */
public enum EventType {
    HOSPITAL_STAY, DRUG_DISPENSING, DRUG_PRESCRIPTION, MEDICAL_ACT, LAB_TEST, CONSULTATION, CONDITION, DEATH
}

/**
 * FHIR R4 import (HAPI FHIR structures): Patient, Encounter, Condition, MedicationDispense,
 * MedicationRequest, Procedure and Observation from Bundles (JSON) or ndjson files, as Synthea
 * produces them, into patients with care events whose codes keep their systems.
 */
package org.healthgraph.importers.fhir;

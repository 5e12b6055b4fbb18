/**
 * The audit trail: an append-only record of every patient-level read, cohort run, refused access,
 * lowered suppression threshold and security setting in force at start, chained by keyed hashes
 * so that a changed, removed or reordered record is detected ({@link org.healthgraph.graph.audit.AuditLog#verify}).
 * It lives here, in the module every other one depends on, because the API, the command line and
 * the importers all write to it. Records never hold patient ids: they say who, when, what and how
 * many patients.
 */
package org.healthgraph.graph.audit;

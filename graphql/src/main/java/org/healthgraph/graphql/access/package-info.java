/**
 * Who may read what. Catalog fields are open; patient-level fields (cohort patient ids, a patient's
 * events) need a bearer token whose SHA-256 hash is listed in
 * {@code healthgraph.security.patient-data-token-hashes}. The tokens themselves are never stored or logged.
 */
package org.healthgraph.graphql.access;

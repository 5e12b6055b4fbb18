/**
 * Readers of outside formats into the domain (Table Schema, code-list CSV, CSV dictionaries, SNDS
 * extracts, FHIR bundles), the DCAT export and synthetic data generators, one package each; this
 * package holds only their common failure, {@link org.healthgraph.importers.ImportException}.
 */
package org.healthgraph.importers;

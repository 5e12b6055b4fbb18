/**
 * Readers of outside formats into the domain (Table Schema, code-list CSV, CSV dictionaries, SNDS
 * extracts, FHIR bundles), the DCAT export and synthetic data generators, one package each; this
 * package holds what they share: their common failure, {@link org.healthgraph.importers.ImportException}, and
 * the rule that the files of an import stay inside the folder given ({@link org.healthgraph.importers.InputTree}).
 */
package org.healthgraph.importers;

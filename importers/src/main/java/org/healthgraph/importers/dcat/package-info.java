/**
 * Exports the catalog's datasets as DCAT-AP / HealthDCAT-AP RDF (Turtle or JSON-LD) with Eclipse
 * RDF4J, and validates a model against the SHACL shapes we can justify from those specifications
 * (see {@code dcat/healthdcat-ap-shapes.ttl}).
 */
package org.healthgraph.importers.dcat;

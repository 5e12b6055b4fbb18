/**
 * Imports a Frictionless Table Schema tree laid out as the SNDS's schema-snds
 * ({@code schemas/<product>/<TABLE>.json}, {@code nomenclatures/<source>/<NAME>.json} and
 * {@code <NAME>.csv}) into the catalog: code lists and their codes first, then tables and variables,
 * then the foreign keys as joins; one transaction per file, every problem reported with its file and
 * line or JSON path.
 */
package org.healthgraph.importers.tableschema;

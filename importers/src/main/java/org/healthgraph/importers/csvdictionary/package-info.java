/**
 * Imports a plain CSV data dictionary, one row a variable (dataset, table, variable, description,
 * type, code list), for sources that are not written as Table Schema. The whole file is one
 * transaction; bad rows are reported with their line and left out.
 */
package org.healthgraph.importers.csvdictionary;

package org.healthgraph.catalog;

/**
 * How much the catalog holds.
 *
 * @param datasets datasets (products)
 * @param tables tables
 * @param variables variables
 * @param nomenclatures code lists
 * @param codes codes attached to a code list
 * @param joins declared joins
 */
public record CatalogStats(long datasets, long tables, long variables, long nomenclatures, long codes, long joins) {
}

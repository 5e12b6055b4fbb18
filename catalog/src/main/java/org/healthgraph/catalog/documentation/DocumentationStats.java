package org.healthgraph.catalog.documentation;

/**
 * How much documentation the catalog holds.
 *
 * @param pages pages
 * @param sections sections of pages
 * @param terms glossary terms
 * @param mentions mentions of catalog entries
 * @param links links between pages
 */
public record DocumentationStats(long pages, long sections, long terms, long mentions, long links) {
}

/**
 * The SNDS documentation as catalog knowledge: pages and their sections ({@link Document}), the
 * glossary's terms ({@link Term}), what a section names in the catalog ({@link Mention}: tables,
 * variables, code lists, codes) and the links between pages ({@link PageLink}). The
 * {@link MentionResolver} turns the references a Markdown reader found ({@link Reference}) into
 * mentions by reading the catalog through a {@link CatalogLookup}; what resolves to nothing is
 * reported with its file and line.
 */
package org.healthgraph.catalog.documentation;

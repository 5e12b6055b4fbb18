/**
 * The SNDS documentation (Markdown pages with YAML front matter) into the catalog's documentation:
 * pages and sections, glossary terms, mentions of tables, variables, code lists and codes, links
 * between pages. {@link org.healthgraph.importers.documentation.DocumentationImporter} walks a folder;
 * the Markdown is read with commonmark-java (GFM tables, YAML front matter).
 */
package org.healthgraph.importers.documentation;

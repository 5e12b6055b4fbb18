package org.healthgraph.importers.documentation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.Reference;
import org.healthgraph.catalog.documentation.Term;

/**
 * One Markdown file as read, before its references are resolved.
 *
 * @param sourcePath the file, relative to the documentation folder
 * @param digest the SHA-256 of its bytes, hex
 * @param documents the page, then its sections
 * @param term the glossary term it defines, if it is a glossary page
 * @param references what it names, in order
 * @param permalink the front matter's {@code permalink}, if any ({@code /tables/ER_PHA_F})
 * @param pageTable the table a page of {@code tables/} documents
 * @param frontMatter the front matter's keys and values
 * @param problems what could not be read as written, with its line
 */
record ReadPage(String sourcePath, String digest, List<Document> documents, Optional<Term> term,
                List<Reference> references, Optional<String> permalink, Optional<String> pageTable,
                Map<String, List<String>> frontMatter, List<ImportProblem> problems) {
}

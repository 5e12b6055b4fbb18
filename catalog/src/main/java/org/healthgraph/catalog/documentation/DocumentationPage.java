package org.healthgraph.catalog.documentation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthgraph.catalog.InvalidCatalogInputException;

/**
 * What one Markdown file of the documentation holds, resolved: the unit an import writes, in one
 * transaction. Writing it again replaces what the same file wrote before.
 *
 * @param sourcePath the file, relative to the documentation folder ({@code fiches/ivg.md})
 * @param fingerprint a digest of what the page was made from (the file's bytes and the catalog names it
 *     resolved against): a page whose fingerprint is already recorded is skipped
 * @param documents the page first, then its sections in order
 * @param term the glossary term the page defines, if it is a glossary page
 * @param mentions what its sections name in the catalog
 * @param links its links to other pages
 */
public record DocumentationPage(String sourcePath, String fingerprint, List<Document> documents, Optional<Term> term,
                                List<Mention> mentions, List<PageLink> links) {

    public DocumentationPage {
        if (sourcePath == null || sourcePath.isBlank()) {
            throw new InvalidCatalogInputException("documentation page has no source path");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
        documents = List.copyOf(documents);
        if (documents.isEmpty() || !documents.get(0).isPage()) {
            throw new InvalidCatalogInputException("documentation page " + sourcePath + " must start with its page document");
        }
        term = term == null ? Optional.empty() : term;
        mentions = List.copyOf(mentions);
        links = List.copyOf(links);
    }

    /** The page's own document. */
    public Document page() {
        return documents.get(0);
    }

    /** The page's key. */
    public DocumentKey key() {
        return page().key();
    }
}

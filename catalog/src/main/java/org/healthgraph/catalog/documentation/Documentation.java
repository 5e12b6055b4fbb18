package org.healthgraph.catalog.documentation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the documentation held with the catalog. Nothing returns null; implementations are
 * thread-safe.
 */
public interface Documentation {

    DocumentationStats stats();

    Optional<Document> document(DocumentKey key);

    /** A page with all it holds, by the key of the page (or of one of its sections). */
    Optional<DocumentationPage> page(DocumentKey key);

    /**
     * The pages of these keys (each a page's key or one of its sections'), each page once, in key
     * order; unknown pages are absent. Implementations over a database read them in a few batches.
     */
    default List<DocumentationPage> pagesOf(Collection<DocumentKey> keys) {
        Map<DocumentKey, DocumentationPage> out = new java.util.TreeMap<>();
        for (DocumentKey k : keys) {
            if (!out.containsKey(k.page())) {
                page(k).ifPresent(p -> out.put(k.page(), p));
            }
        }
        return List.copyOf(out.values());
    }

    /** A page's document then its sections, in order; empty when the page is unknown. */
    List<Document> documentsOfPage(DocumentKey page);

    /** Every page's own document, by key. */
    List<Document> pages();

    /** What a page or section names in the catalog (for a page, with its sections' mentions), in order. */
    List<Mention> mentionsFrom(DocumentKey key);

    /** The mentions of each of these catalog entries, by section key; entries never mentioned are absent. */
    Map<MentionTarget, List<Mention>> mentionsOf(Collection<MentionTarget> targets);

    /** The links from a page or its sections to other pages. */
    List<PageLink> linksFrom(DocumentKey page);

    /** The links from other pages to a page or its sections. */
    List<PageLink> linksTo(DocumentKey page);

    /** Every glossary term, by name. */
    List<Term> terms();

    /** Streams every page with what it holds (for the search index). */
    void forEachPage(Consumer<DocumentationPage> consumer);
}

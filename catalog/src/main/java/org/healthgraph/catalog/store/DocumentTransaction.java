package org.healthgraph.catalog.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Term;

/** The writes of one documentation transaction (see {@link DocumentStore} for the layout). */
public interface DocumentTransaction {

    /** The page written from this file, if there is one. */
    Optional<StoredPage> pageFrom(String sourcePath);

    /** The catalog entries a page and its sections name. */
    Set<MentionTarget> mentionTargets(String pageKey);

    /**
     * Removes what a page holds: its sections, its term, and the mentions and links of the page and
     * its sections; the page's node stays (with the links of other pages to it). A bare node this page
     * linked to that nothing else links to any more is removed.
     */
    void clearPage(String pageKey);

    /**
     * Writes a page (its node created, or a bare or cleared one filled in) and its sections, each
     * under its parent ({@code HAS_SECTION}); the page records {@code fingerprint}.
     *
     * @param documents the page first, then its sections, parents before their children
     */
    void writeDocuments(String fingerprint, List<Document> documents);

    /** Writes the term a glossary page defines ({@code DEFINES} from its page, written before). */
    void writeTerm(Term term);

    /** Writes mentions from pages and sections written before; a mention of an entry the graph lacks is skipped. */
    void writeMentions(List<Mention> mentions);

    /** Writes links from pages and sections written before; a page linked to that is not written yet gets a bare node. */
    void writeLinks(List<PageLink> links);

    /**
     * Removes a cleared page: its node is deleted, or left bare (no property but its key) while other
     * pages link to it.
     */
    void deletePage(String pageKey);

    /**
     * A page as stored.
     *
     * @param key the page's key
     * @param fingerprint the fingerprint recorded when it was written
     */
    record StoredPage(String key, String fingerprint) {
    }
}

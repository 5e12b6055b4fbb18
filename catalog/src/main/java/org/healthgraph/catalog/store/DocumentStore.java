package org.healthgraph.catalog.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentationStats;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Term;
import org.healthgraph.graph.GraphBackend;

/**
 * Where the documentation is kept, beside the catalog it names: one implementation per graph backend
 * holding the query text ({@code store.internal.neo4j}: Cypher; {@code store.internal.gremlin}:
 * traversals). The domain ({@code GraphDocumentation}, {@code GraphDocumentationWriter}) keeps the
 * rules: fingerprints, what a change touched, the order of what it reads, listeners.
 *
 * <p>The layout, the same on both backends: a {@code Document} node per page and per section (key
 * {@code PAGE} or {@code PAGE#ANCHOR}; {@code kind} "page" or "section"; {@code page}, the page's key;
 * title, page title, text, tags, source path, line, parent, order; a page also its
 * {@code fingerprint}); {@code HAS_SECTION} from a page or section to its sections; {@code MENTIONS}
 * from a page or section to a {@code Table}, {@code Variable}, {@code Nomenclature} or {@code Code}
 * (line, text, context, and the target's kind and key); {@code LINKS_TO} from a page or section to the
 * page it links to (line, and the key linked to, anchor included); a {@code Term} node (key: its
 * page's key) that its glossary page {@code DEFINES}. A page that others link to before it is written,
 * or after it is removed, is kept as a bare node (its key only, no {@code kind}) that no read returns.
 *
 * <p>Reads that take keys skip the keys that do not exist; lists come in no particular order unless
 * a method says so (the domain orders them). Implementations are thread-safe. Open one with
 * {@link CatalogStores#documents}.
 */
public interface DocumentStore {

    /** The backend the store runs on. */
    GraphBackend backend();

    /** Creates the key constraints and indexes the documentation needs; idempotent. */
    void ensureSchema();

    /** How much documentation the graph holds. */
    DocumentationStats stats();

    /** The pages and sections with these keys. */
    List<Document> documents(Collection<String> keys);

    /** The pages with these keys and all their sections. */
    List<Document> documentsOfPages(Collection<String> pageKeys);

    /** The key of every page, in key order. */
    List<String> pageKeys();

    /** The fingerprint of each of these pages, by page key. */
    Map<String, String> fingerprintsOfPages(Collection<String> pageKeys);

    /** The fingerprint of every page, by the file it was read from. */
    Map<String, String> fingerprints();

    /** What these pages and sections name in the catalog (their own mentions, not their sections'). */
    List<Mention> mentionsFrom(Collection<String> documentKeys);

    /** The mentions of these catalog entries, whatever names them. */
    List<Mention> mentionsOf(Collection<MentionTarget> targets);

    /** The links from these pages and sections. */
    List<PageLink> linksFrom(Collection<String> documentKeys);

    /** The links to these pages (to the page or one of its sections), from other pages and sections. */
    List<PageLink> linksTo(Collection<String> pageKeys);

    /** Every glossary term. */
    List<Term> terms();

    /** The terms these pages define. */
    List<Term> termsOfPages(Collection<String> pageKeys);

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
     * (all or nothing wherever the backend has transactions). Transient failures are retried, so
     * {@code work} must have no effect outside the transaction it is given.
     */
    <T> T write(Function<DocumentTransaction, T> work);
}

package org.healthgraph.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.InvalidCatalogInputException;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.DocumentationChange;
import org.healthgraph.catalog.documentation.DocumentationListener;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.store.DocumentStore;
import org.healthgraph.catalog.store.DocumentTransaction;
import org.healthgraph.graph.GraphStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes documentation pages into the graph through the {@link DocumentStore}, one transaction a page
 * or a batch of pages:
 * a page whose fingerprint is recorded already is skipped (so importing a folder twice changes
 * nothing); otherwise what the file wrote before is cleared and the page written again, and the
 * listeners are told which pages changed and which catalog entries were named before or after.
 */
public final class GraphDocumentationWriter implements DocumentationWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GraphDocumentationWriter.class);

    private final DocumentStore store;
    private final List<DocumentationListener> listeners = new CopyOnWriteArrayList<>();

    public GraphDocumentationWriter(DocumentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void ensureSchema() {
        store.ensureSchema();
    }

    @Override
    public DocumentationChange write(DocumentationPage page) {
        check(page);
        DocumentationChange change;
        try {
            change = store.write(tx -> writeIn(tx, page));
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot write documentation page " + page.sourcePath() + ": " + e.getMessage(), e);
        }
        if (!change.skipped()) {
            tell(change);
        }
        return change;
    }

    @Override
    public List<DocumentationChange> writeAll(List<DocumentationPage> pages) {
        pages.forEach(GraphDocumentationWriter::check);
        List<DocumentationChange> changes;
        try {
            changes = store.write(tx -> {
                List<DocumentationChange> out = new ArrayList<>(pages.size());
                for (DocumentationPage page : pages) {
                    out.add(writeIn(tx, page));
                }
                return out;
            });
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot write documentation pages " + pages.getFirst().sourcePath() + " to "
                    + pages.getLast().sourcePath() + ": " + e.getMessage(), e);
        }
        tellMerged(changes);
        return changes;
    }

    /** Tells the listeners, once, what the pages of one transaction changed (the skipped ones changed nothing). */
    private void tellMerged(List<DocumentationChange> changes) {
        Set<DocumentKey> written = new LinkedHashSet<>();
        Set<DocumentKey> deleted = new LinkedHashSet<>();
        Set<MentionTarget> targets = new LinkedHashSet<>();
        for (DocumentationChange c : changes) {
            if (!c.skipped()) {
                written.addAll(c.pagesWritten());
                deleted.addAll(c.pagesDeleted());
                targets.addAll(c.targets());
            }
        }
        DocumentationChange all = new DocumentationChange(written, deleted, targets, false);
        if (!all.isEmpty()) {
            tell(all);
        }
    }

    @Override
    public List<DocumentationChange> replaceAll(List<DocumentationPage> pages, Collection<String> removedSourcePaths) {
        pages.forEach(GraphDocumentationWriter::check);
        List<DocumentationChange> changes;
        try {
            changes = store.write(tx -> {
                List<DocumentationChange> out = new ArrayList<>(pages.size() + 1);
                for (DocumentationPage page : pages) {
                    out.add(writeIn(tx, page));
                }
                out.add(deleteIn(tx, removedSourcePaths));
                return out;
            });
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot write the documentation (" + pages.size() + " pages, "
                    + removedSourcePaths.size() + " removed) in one transaction: " + e.getMessage(), e);
        }
        tellMerged(changes);
        return changes;
    }

    private static DocumentationChange writeIn(DocumentTransaction tx, DocumentationPage page) {
        Optional<DocumentTransaction.StoredPage> old = tx.pageFrom(page.sourcePath());
        if (old.isPresent() && old.get().fingerprint().equals(page.fingerprint())) {
            return DocumentationChange.unchanged();
        }
        Set<MentionTarget> targets = new LinkedHashSet<>();
        if (old.isPresent()) {
            targets.addAll(tx.mentionTargets(old.get().key()));
            tx.clearPage(old.get().key());
        }
        // A page written from another file before under the same key (a file renamed back): cleared too.
        if (old.isEmpty() || !old.get().key().equals(page.key().value())) {
            targets.addAll(tx.mentionTargets(page.key().value()));
            tx.clearPage(page.key().value());
        }
        tx.writeDocuments(page.fingerprint(), page.documents());
        page.term().ifPresent(tx::writeTerm);
        tx.writeMentions(page.mentions());
        tx.writeLinks(page.links());
        page.mentions().forEach(m -> targets.add(m.target()));
        return new DocumentationChange(Set.of(page.key()), Set.of(), targets, false);
    }

    /** A page's parts all belong to it: its documents share its key, mentions and links come from them. */
    private static void check(DocumentationPage page) {
        DocumentKey key = page.key();
        Set<DocumentKey> own = new HashSet<>();
        for (Document d : page.documents()) {
            if (!d.key().page().equals(key)) {
                throw new InvalidCatalogInputException("documentation page " + page.sourcePath() + ": document " + d.key()
                        + " is not of page " + key);
            }
            if (!own.add(d.key())) {
                throw new InvalidCatalogInputException("documentation page " + page.sourcePath() + ": two sections have the key "
                        + d.key());
            }
            if (d.parent().isPresent() && !own.contains(d.parent().get())) {
                throw new InvalidCatalogInputException("documentation page " + page.sourcePath() + ": section " + d.key()
                        + " comes before its parent " + d.parent().get());
            }
        }
        for (Mention m : page.mentions()) {
            requireOwn(page, own, m.from(), "a mention");
        }
        for (PageLink l : page.links()) {
            requireOwn(page, own, l.from(), "a link");
        }
        page.term().ifPresent(t -> {
            if (!t.document().equals(key)) {
                throw new InvalidCatalogInputException("documentation page " + page.sourcePath() + ": its term belongs to "
                        + t.document());
            }
        });
    }

    private static void requireOwn(DocumentationPage page, Set<DocumentKey> own, DocumentKey from, String what) {
        if (!own.contains(from)) {
            throw new InvalidCatalogInputException("documentation page " + page.sourcePath() + ": " + what + " comes from "
                    + from + ", which is none of its sections");
        }
    }

    @Override
    public DocumentationChange deletePages(Collection<String> sourcePaths) {
        if (sourcePaths.isEmpty()) {
            return new DocumentationChange(Set.of(), Set.of(), Set.of(), false);
        }
        DocumentationChange change;
        try {
            change = store.write(tx -> deleteIn(tx, sourcePaths));
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot remove documentation pages: " + e.getMessage(), e);
        }
        if (!change.isEmpty()) {
            tell(change);
        }
        return change;
    }

    private static DocumentationChange deleteIn(DocumentTransaction tx, Collection<String> sourcePaths) {
        Set<DocumentKey> deleted = new LinkedHashSet<>();
        Set<MentionTarget> targets = new LinkedHashSet<>();
        for (String path : sourcePaths) {
            tx.pageFrom(path).ifPresent(p -> {
                targets.addAll(tx.mentionTargets(p.key()));
                tx.clearPage(p.key());
                tx.deletePage(p.key());
                deleted.add(DocumentKey.of(p.key()));
            });
        }
        return new DocumentationChange(Set.of(), deleted, targets, false);
    }

    @Override
    public Map<String, String> fingerprints() {
        return store.fingerprints();
    }

    @Override
    public void addListener(DocumentationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(DocumentationListener listener) {
        listeners.remove(listener);
    }

    private void tell(DocumentationChange change) {
        for (DocumentationListener listener : listeners) {
            try {
                listener.changed(change);
            } catch (RuntimeException e) {
                LOG.warn("A documentation listener failed on {}; the write stands", change.pagesWritten(), e);
            }
        }
    }
}

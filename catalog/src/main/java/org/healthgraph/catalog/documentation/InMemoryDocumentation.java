package org.healthgraph.catalog.documentation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Documentation held in memory: what an import produces before it is persisted, and the store of
 * tests and benchmarks. Thread-safe (reads and writes are serialised).
 */
public final class InMemoryDocumentation implements Documentation, DocumentationWriter {

    /** Pages by source path, in path order. */
    private final Map<String, DocumentationPage> bySource = new TreeMap<>();
    private final Map<DocumentKey, DocumentationPage> byKey = new HashMap<>();
    private final List<DocumentationListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void ensureSchema() {
        // nothing to create in memory
    }

    @Override
    public DocumentationChange write(DocumentationPage page) {
        DocumentationChange change;
        synchronized (this) {
            DocumentationPage old = bySource.get(page.sourcePath());
            if (old != null && old.fingerprint().equals(page.fingerprint())) {
                return DocumentationChange.unchanged();
            }
            Set<MentionTarget> targets = new LinkedHashSet<>();
            if (old != null) {
                byKey.remove(old.key());
                old.mentions().forEach(m -> targets.add(m.target()));
            }
            page.mentions().forEach(m -> targets.add(m.target()));
            bySource.put(page.sourcePath(), page);
            byKey.put(page.key(), page);
            change = new DocumentationChange(Set.of(page.key()), Set.of(), targets, false);
        }
        tell(change);
        return change;
    }

    @Override
    public DocumentationChange deletePages(Collection<String> sourcePaths) {
        DocumentationChange change;
        synchronized (this) {
            Set<DocumentKey> deleted = new LinkedHashSet<>();
            Set<MentionTarget> targets = new LinkedHashSet<>();
            for (String path : sourcePaths) {
                DocumentationPage old = bySource.remove(path);
                if (old != null) {
                    byKey.remove(old.key());
                    deleted.add(old.key());
                    old.mentions().forEach(m -> targets.add(m.target()));
                }
            }
            change = new DocumentationChange(Set.of(), deleted, targets, false);
        }
        if (!change.isEmpty()) {
            tell(change);
        }
        return change;
    }

    private void tell(DocumentationChange change) {
        listeners.forEach(l -> l.changed(change));
    }

    @Override
    public synchronized Map<String, String> fingerprints() {
        Map<String, String> out = new LinkedHashMap<>();
        bySource.forEach((path, page) -> out.put(path, page.fingerprint()));
        return out;
    }

    @Override
    public void addListener(DocumentationListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DocumentationListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized DocumentationStats stats() {
        long pages = bySource.size();
        long docs = bySource.values().stream().mapToLong(p -> p.documents().size()).sum();
        long terms = bySource.values().stream().filter(p -> p.term().isPresent()).count();
        long mentions = bySource.values().stream().mapToLong(p -> p.mentions().size()).sum();
        long links = bySource.values().stream().mapToLong(p -> p.links().size()).sum();
        return new DocumentationStats(pages, docs - pages, terms, mentions, links);
    }

    @Override
    public synchronized Optional<Document> document(DocumentKey key) {
        DocumentationPage p = byKey.get(key.page());
        return p == null ? Optional.empty() : p.documents().stream().filter(d -> d.key().equals(key)).findFirst();
    }

    @Override
    public synchronized Optional<DocumentationPage> page(DocumentKey key) {
        return Optional.ofNullable(byKey.get(key.page()));
    }

    @Override
    public synchronized List<Document> documentsOfPage(DocumentKey page) {
        DocumentationPage p = byKey.get(page.page());
        return p == null ? List.of() : p.documents();
    }

    @Override
    public synchronized List<Document> pages() {
        return bySource.values().stream().map(DocumentationPage::page).sorted(Comparator.comparing(Document::key)).toList();
    }

    @Override
    public synchronized List<Mention> mentionsFrom(DocumentKey key) {
        DocumentationPage p = byKey.get(key.page());
        if (p == null) {
            return List.of();
        }
        return key.isSection() ? p.mentions().stream().filter(m -> m.from().equals(key)).toList() : p.mentions();
    }

    @Override
    public synchronized Map<MentionTarget, List<Mention>> mentionsOf(Collection<MentionTarget> targets) {
        Set<MentionTarget> wanted = Set.copyOf(targets);
        Map<MentionTarget, List<Mention>> out = new LinkedHashMap<>();
        for (DocumentationPage p : bySource.values()) {
            for (Mention m : p.mentions()) {
                if (wanted.contains(m.target())) {
                    out.computeIfAbsent(m.target(), k -> new ArrayList<>()).add(m);
                }
            }
        }
        return out;
    }

    @Override
    public synchronized List<PageLink> linksFrom(DocumentKey page) {
        DocumentationPage p = byKey.get(page.page());
        return p == null ? List.of() : p.links();
    }

    @Override
    public synchronized List<PageLink> linksTo(DocumentKey page) {
        List<PageLink> out = new ArrayList<>();
        bySource.values().forEach(p -> p.links().stream().filter(l -> l.to().page().equals(page.page())).forEach(out::add));
        return out;
    }

    @Override
    public synchronized List<Term> terms() {
        return bySource.values().stream().flatMap(p -> p.term().stream()).sorted(Comparator.comparing(Term::name)).toList();
    }

    @Override
    public void forEachPage(Consumer<DocumentationPage> consumer) {
        List<DocumentationPage> pages;
        synchronized (this) {
            pages = List.copyOf(bySource.values());
        }
        pages.forEach(consumer);
    }
}

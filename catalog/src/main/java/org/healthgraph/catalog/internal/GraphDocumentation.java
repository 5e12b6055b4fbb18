package org.healthgraph.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.DocumentationStats;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Term;
import org.healthgraph.catalog.store.DocumentStore;

/**
 * Reads the documentation kept in the graph through the {@link DocumentStore}, and puts what it
 * reads in order: a page's documents by their rank in the page, mentions and links by the rank of
 * the section that holds them and their line. Whole pages are read {@link #PAGES_PER_READ} at a time.
 */
public final class GraphDocumentation implements Documentation {

    /** Pages assembled from one round of reads by {@link #forEachPage}. */
    static final int PAGES_PER_READ = 200;

    private final DocumentStore store;

    public GraphDocumentation(DocumentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public DocumentationStats stats() {
        return store.stats();
    }

    @Override
    public Optional<Document> document(DocumentKey key) {
        return store.documents(List.of(key.value())).stream().findFirst();
    }

    @Override
    public Optional<DocumentationPage> page(DocumentKey key) {
        return pages(List.of(key.page().value())).stream().findFirst();
    }

    @Override
    public List<DocumentationPage> pagesOf(Collection<DocumentKey> keys) {
        List<String> pageKeys = keys.stream().map(k -> k.page().value()).distinct().sorted().toList();
        List<DocumentationPage> out = new ArrayList<>();
        for (int i = 0; i < pageKeys.size(); i += PAGES_PER_READ) {
            out.addAll(pages(pageKeys.subList(i, Math.min(pageKeys.size(), i + PAGES_PER_READ))));
        }
        return out;
    }

    @Override
    public List<Document> documentsOfPage(DocumentKey page) {
        return inPageOrder(store.documentsOfPages(List.of(page.page().value())));
    }

    @Override
    public List<Document> pages() {
        List<String> keys = store.pageKeys();
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += PAGES_PER_READ) {
            out.addAll(store.documents(keys.subList(i, Math.min(keys.size(), i + PAGES_PER_READ))));
        }
        out.sort(Comparator.comparing(Document::key));
        return out;
    }

    @Override
    public List<Mention> mentionsFrom(DocumentKey key) {
        List<Document> docs = documentsOfPage(key);
        List<String> from = key.isSection() ? List.of(key.value()) : docs.stream().map(d -> d.key().value()).toList();
        return ordered(store.mentionsFrom(from), rank(docs), Mention::from, Mention::line,
                Comparator.comparing(Mention::target));
    }

    @Override
    public Map<MentionTarget, List<Mention>> mentionsOf(Collection<MentionTarget> targets) {
        Map<MentionTarget, List<Mention>> out = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            return out;
        }
        List<Mention> all = new ArrayList<>(store.mentionsOf(targets));
        all.sort(Comparator.comparing((Mention m) -> m.from().value()).thenComparingInt(Mention::line));
        all.forEach(m -> out.computeIfAbsent(m.target(), k -> new ArrayList<>()).add(m));
        return out;
    }

    @Override
    public List<PageLink> linksFrom(DocumentKey page) {
        List<Document> docs = documentsOfPage(page);
        return ordered(store.linksFrom(docs.stream().map(d -> d.key().value()).toList()), rank(docs), PageLink::from,
                PageLink::line, Comparator.comparing(PageLink::to));
    }

    @Override
    public List<PageLink> linksTo(DocumentKey page) {
        List<PageLink> out = new ArrayList<>(store.linksTo(List.of(page.page().value())));
        out.sort(Comparator.comparing((PageLink l) -> l.from().value()).thenComparingInt(PageLink::line));
        return out;
    }

    @Override
    public List<Term> terms() {
        List<Term> out = new ArrayList<>(store.terms());
        out.sort(Comparator.comparing(Term::name).thenComparing(t -> t.document().value()));
        return out;
    }

    @Override
    public void forEachPage(Consumer<DocumentationPage> consumer) {
        List<String> keys = store.pageKeys();
        for (int i = 0; i < keys.size(); i += PAGES_PER_READ) {
            pages(keys.subList(i, Math.min(keys.size(), i + PAGES_PER_READ))).forEach(consumer);
        }
    }

    /** Whole pages, each with its documents, term, mentions and links, in key order. */
    private List<DocumentationPage> pages(List<String> pageKeys) {
        Map<String, List<Document>> docs = new LinkedHashMap<>();
        for (Document d : store.documentsOfPages(pageKeys)) {
            docs.computeIfAbsent(d.key().page().value(), k -> new ArrayList<>()).add(d);
        }
        if (docs.isEmpty()) {
            return List.of();
        }
        List<String> docKeys = docs.values().stream().flatMap(List::stream).map(d -> d.key().value()).toList();
        Map<String, String> fingerprints = store.fingerprintsOfPages(docs.keySet());
        Map<String, Term> terms = new HashMap<>();
        store.termsOfPages(docs.keySet()).forEach(t -> terms.put(t.document().value(), t));
        Map<String, List<Mention>> mentions = byPage(store.mentionsFrom(docKeys), Mention::from);
        Map<String, List<PageLink>> links = byPage(store.linksFrom(docKeys), PageLink::from);
        List<DocumentationPage> out = new ArrayList<>();
        docs.keySet().stream().sorted().forEach(key -> {
            List<Document> ordered = inPageOrder(docs.get(key));
            if (ordered.isEmpty() || !ordered.getFirst().isPage()) {
                return; // sections whose page is gone: not a page
            }
            Map<DocumentKey, Integer> rank = rank(ordered);
            out.add(new DocumentationPage(ordered.getFirst().sourcePath(), fingerprints.getOrDefault(key, ""), ordered,
                    Optional.ofNullable(terms.get(key)),
                    ordered(mentions.getOrDefault(key, List.of()), rank, Mention::from, Mention::line,
                            Comparator.comparing(Mention::target)),
                    ordered(links.getOrDefault(key, List.of()), rank, PageLink::from, PageLink::line,
                            Comparator.comparing(PageLink::to))));
        });
        return out;
    }

    private static <T> Map<String, List<T>> byPage(List<T> items, java.util.function.Function<T, DocumentKey> from) {
        Map<String, List<T>> out = new HashMap<>();
        items.forEach(i -> out.computeIfAbsent(from.apply(i).page().value(), k -> new ArrayList<>()).add(i));
        return out;
    }

    private static List<Document> inPageOrder(List<Document> docs) {
        List<Document> out = new ArrayList<>(docs);
        out.sort(Comparator.comparing((Document d) -> !d.isPage()).thenComparingInt(Document::order)
                .thenComparing(Document::key));
        return out;
    }

    private static Map<DocumentKey, Integer> rank(List<Document> ordered) {
        Map<DocumentKey, Integer> rank = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            rank.put(ordered.get(i).key(), i);
        }
        return rank;
    }

    /** Items by the rank of their document in its page, then line, then {@code tie}. */
    private static <T> List<T> ordered(List<T> items, Map<DocumentKey, Integer> rank,
            java.util.function.Function<T, DocumentKey> from, java.util.function.ToIntFunction<T> line, Comparator<T> tie) {
        List<T> out = new ArrayList<>(items);
        out.sort(Comparator.comparingInt((T i) -> rank.getOrDefault(from.apply(i), Integer.MAX_VALUE))
                .thenComparingInt(line).thenComparing(tie));
        return out;
    }
}

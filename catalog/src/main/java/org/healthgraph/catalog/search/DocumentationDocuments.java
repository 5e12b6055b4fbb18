package org.healthgraph.catalog.search;

import java.util.ArrayList;
import java.util.List;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.Term;

/**
 * The documentation's pages and sections as search documents: a hit shows the page's and the
 * section's title, a passage of its text and its path; a glossary page carries its term, whose
 * acronym and expansion then find each other in queries.
 */
public final class DocumentationDocuments {

    private DocumentationDocuments() {
    }

    /** The search documents of every page and section of {@code documentation}. */
    public static List<SearchDocument> of(Documentation documentation) {
        List<SearchDocument> out = new ArrayList<>();
        documentation.forEachPage(p -> out.addAll(of(p)));
        return out;
    }

    /** The search documents of one page: the page, then its sections. */
    public static List<SearchDocument> of(DocumentationPage page) {
        List<SearchDocument> out = new ArrayList<>();
        String tags = String.join(", ", page.page().tags());
        java.util.Map<org.healthgraph.catalog.documentation.DocumentKey, java.util.Set<String>> named = new java.util.HashMap<>();
        page.mentions().forEach(m -> named.computeIfAbsent(m.from(), k -> new java.util.LinkedHashSet<>()).add(m.target().key()));
        for (Document d : page.documents()) {
            SearchDocument.Glossary g = d.isPage() ? page.term().map(DocumentationDocuments::glossary)
                    .orElse(SearchDocument.Glossary.NONE) : SearchDocument.Glossary.NONE;
            String path = page.sourcePath() + d.key().anchor().map(a -> "#" + a).orElse("");
            if (d.text().isBlank() && d.isPage() && page.documents().size() > 1 && g.isEmpty()) {
                continue; // a page with nothing of its own before its sections: its sections are the hits
            }
            out.add(SearchDocument.documentation(d.key().value(), d.fullTitle(), d.text(), path, tags, g,
                    List.copyOf(named.getOrDefault(d.key(), java.util.Set.of()))));
        }
        return out;
    }

    /**
     * A listener that keeps {@code index} current after each documentation change: the pages written
     * replace their former pages and sections, removed pages leave, and the catalog entries whose
     * mentions changed are indexed again with their new knowledge ({@code knowledge} is told to forget
     * what it knew first).
     */
    public static org.healthgraph.catalog.documentation.DocumentationListener keepingCurrent(
            org.healthgraph.catalog.Catalog catalog, org.healthgraph.catalog.documentation.Documentation documentation,
            SearchKnowledge knowledge, SearchIndex index) {
        return change -> {
            knowledge.forget();
            List<SearchDocument> pages = new ArrayList<>();
            change.pagesWritten().forEach(k -> documentation.page(k).ifPresent(p -> pages.addAll(of(p))));
            index.replacePages(change.pagesDeleted().stream().map(k -> k.value()).toList(), pages);
            CatalogDocuments docs = CatalogDocuments.of(catalog, knowledge.get());
            java.util.Map<org.healthgraph.catalog.EntryKind, List<String>> byKind = new java.util.EnumMap<>(
                    org.healthgraph.catalog.EntryKind.class);
            change.targets().forEach(t -> byKind.computeIfAbsent(t.kind(), x -> new ArrayList<>()).add(t.key()));
            List<SearchDocument> entries = new ArrayList<>();
            byKind.forEach((kind, keys) -> catalog.entries(kind, keys).forEach(e -> docs.toDocument(e).ifPresent(entries::add)));
            if (!entries.isEmpty()) {
                index.upsert(entries);
            }
        };
    }

    private static SearchDocument.Glossary glossary(Term t) {
        return new SearchDocument.Glossary(t.acronym().orElse(""), t.expansion().orElse(""));
    }
}

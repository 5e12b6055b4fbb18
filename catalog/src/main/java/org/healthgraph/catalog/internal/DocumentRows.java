package org.healthgraph.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Term;

/**
 * The property layout of the documentation's nodes and relationships (see {@code DocumentStore}):
 * domain record to property map and back, shared by every backend's documentation store so that both
 * hold the same properties. Empty strings are stored as absent properties.
 */
public final class DocumentRows {

    /** The {@code kind} of a page's node. */
    public static final String PAGE = "page";
    /** The {@code kind} of a section's node. */
    public static final String SECTION = "section";

    private DocumentRows() {
    }

    /** The properties of a page's or section's node; a page's also hold its fingerprint. */
    public static Map<String, Object> document(Document d, String fingerprint) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", d.key().value());
        row.put("kind", d.isPage() ? PAGE : SECTION);
        row.put("page", d.key().page().value());
        row.put("title", d.title());
        row.put("pageTitle", d.pageTitle());
        row.put("text", d.text().isEmpty() ? null : d.text());
        row.put("tags", d.tags());
        row.put("sourcePath", d.sourcePath());
        row.put("line", (long) d.line());
        row.put("parent", d.parent().map(DocumentKey::value).orElse(null));
        row.put("order", (long) d.order());
        row.put("fingerprint", d.isPage() ? fingerprint : null);
        return row;
    }

    public static Document document(Map<String, Object> p) {
        String parent = CatalogRows.str(p, "parent");
        return new Document(DocumentKey.of(CatalogRows.str(p, "key")), CatalogRows.str(p, "title"),
                CatalogRows.str(p, "pageTitle"), CatalogRows.str(p, "text"), CatalogRows.strings(p, "tags"),
                CatalogRows.str(p, "sourcePath"), (int) number(p, "line"),
                parent.isEmpty() ? Optional.empty() : Optional.of(DocumentKey.of(parent)), (int) number(p, "order"));
    }

    /** The properties of a {@code MENTIONS} relationship. */
    public static Map<String, Object> mention(Mention m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", m.target().kind().name());
        row.put("target", m.target().key());
        row.put("line", (long) m.line());
        row.put("text", m.text());
        row.put("context", m.context());
        return row;
    }

    /** A mention from the document {@code from}, read from its relationship's properties. */
    public static Mention mention(String from, Map<String, Object> p) {
        return new Mention(DocumentKey.of(from), new MentionTarget(EntryKind.valueOf(CatalogRows.str(p, "kind")),
                CatalogRows.str(p, "target")), (int) number(p, "line"), CatalogRows.str(p, "text"),
                CatalogRows.str(p, "context"));
    }

    /** The properties of a {@code LINKS_TO} relationship. */
    public static Map<String, Object> link(PageLink l) {
        return Map.of("to", l.to().value(), "line", (long) l.line());
    }

    /** A link from the document {@code from}, read from its relationship's properties. */
    public static PageLink link(String from, Map<String, Object> p) {
        return new PageLink(DocumentKey.of(from), DocumentKey.of(CatalogRows.str(p, "to")), (int) number(p, "line"));
    }

    /** The properties of a {@code Term} node (keyed by its page). */
    public static Map<String, Object> term(Term t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", t.document().value());
        row.put("name", t.name());
        row.put("acronym", t.acronym().orElse(null));
        row.put("expansion", t.expansion().orElse(null));
        row.put("definition", t.definition().isEmpty() ? null : t.definition());
        return row;
    }

    public static Term term(Map<String, Object> p) {
        String acronym = CatalogRows.str(p, "acronym");
        String expansion = CatalogRows.str(p, "expansion");
        return new Term(CatalogRows.str(p, "name"), acronym.isEmpty() ? Optional.empty() : Optional.of(acronym),
                expansion.isEmpty() ? Optional.empty() : Optional.of(expansion), CatalogRows.str(p, "definition"),
                DocumentKey.of(CatalogRows.str(p, "key")));
    }

    /** The page keys of these document keys, each once. */
    public static List<String> pagesOf(java.util.Collection<String> documentKeys) {
        return documentKeys.stream().map(k -> DocumentKey.of(k).page().value()).distinct().toList();
    }

    private static long number(Map<String, Object> p, String name) {
        Object v = p.get(name);
        return v instanceof Number n ? n.longValue() : 0;
    }
}

package org.healthgraph.graphql.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Term;
import org.healthgraph.graphql.catalog.CatalogViews.CodeView;
import org.healthgraph.graphql.catalog.CatalogViews.NomenclatureView;
import org.healthgraph.graphql.catalog.CatalogViews.TableView;
import org.healthgraph.graphql.catalog.CatalogViews.VariableView;
import org.healthgraph.graphql.errors.ClientError;
import org.healthgraph.graphql.paging.Connection;
import org.healthgraph.graphql.paging.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves the documentation kept with the catalog: a page with its sections, the catalog entries it
 * names and its links; the glossary; and, on tables, variables, code lists and codes, the sections
 * that name them.
 */
@Controller
public final class DocumentationController {

    /** Sections listed on a catalog entry at most. */
    static final int MAX_MENTIONS = 100;
    static final int MAX_SECTIONS = 500;
    static final int MAX_REFERENCES = 1000;
    static final int MAX_LINKS = 500;

    private final Documentation documentation;

    public DocumentationController(Documentation documentation) {
        this.documentation = documentation;
    }

    /** A section naming an entry. */
    public record MentionView(String path, String page, String anchor, String title, String passage, String text,
                              int line) {
    }

    /** A page with what it holds. */
    public record PageView(String path, String page, String title, String sourcePath, List<String> tags, String text,
                           List<SectionView> sections, List<ReferenceView> mentions, List<LinkView> linksTo,
                           List<LinkView> linkedFrom, TermView term) {
    }

    /** A section of a page. */
    public record SectionView(String path, String anchor, String title, int depth, String text) {
    }

    /** An entry a page names. */
    public record ReferenceView(EntryKind kind, String key, String text, String path, int line) {
    }

    /** A link between pages. */
    public record LinkView(String path, String title) {
    }

    /** A glossary term. */
    public record TermView(String name, String acronym, String expansion, String definition, String path) {
        static TermView of(Term t) {
            return new TermView(t.name(), t.acronym().orElse(null), t.expansion().orElse(null), t.definition(),
                    t.document().value());
        }
    }

    @QueryMapping
    public PageView document(@Argument String path) {
        DocumentKey key = key(path);
        return documentation.page(key).map(p -> view(key, p)).orElse(null);
    }

    @QueryMapping
    public Connection<TermView> glossary(@Argument String prefix, @Argument Integer first, @Argument String after) {
        String p = fold(prefix == null ? "" : prefix.strip());
        List<TermView> terms = documentation.terms().stream()
                .filter(t -> p.isEmpty() || startsWith(t.name(), p) || t.acronym().filter(a -> startsWith(a, p)).isPresent()
                        || t.expansion().filter(e -> startsWith(e, p)).isPresent())
                .map(TermView::of).toList();
        return Connection.of(terms, PageRequest.of(first == null ? 50 : first, after));
    }

    @QueryMapping
    public TermView term(@Argument String acronym) {
        String a = fold(acronym.strip());
        return documentation.terms().stream()
                .filter(t -> fold(t.name()).equals(a) || t.acronym().map(DocumentationController::fold).filter(a::equals).isPresent())
                .findFirst().map(TermView::of).orElse(null);
    }

    @SchemaMapping(typeName = "Table", field = "documentation")
    public List<MentionView> tableDocumentation(TableView table) {
        return mentionsOf(new MentionTarget(EntryKind.TABLE, table.name()));
    }

    @SchemaMapping(typeName = "Variable", field = "documentation")
    public List<MentionView> variableDocumentation(VariableView variable) {
        return mentionsOf(new MentionTarget(EntryKind.VARIABLE, variable.key()));
    }

    @SchemaMapping(typeName = "Nomenclature", field = "documentation")
    public List<MentionView> nomenclatureDocumentation(NomenclatureView nomenclature) {
        return mentionsOf(new MentionTarget(EntryKind.NOMENCLATURE, nomenclature.name()));
    }

    @SchemaMapping(typeName = "Code", field = "documentation")
    public List<MentionView> codeDocumentation(CodeView code) {
        return mentionsOf(new MentionTarget(EntryKind.CODE, code.key()));
    }

    /** The sections naming {@code target}, each once (its first mention there), in page then line order. */
    private List<MentionView> mentionsOf(MentionTarget target) {
        List<Mention> mentions = new ArrayList<>(documentation.mentionsOf(List.of(target)).getOrDefault(target, List.of()));
        mentions.sort(java.util.Comparator.comparing((Mention m) -> m.from().page().value()).thenComparingInt(Mention::line));
        Map<DocumentKey, Mention> bySection = new LinkedHashMap<>();
        for (Mention m : mentions) {
            if (bySection.size() >= MAX_MENTIONS) {
                break;
            }
            bySection.putIfAbsent(m.from(), m);
        }
        Map<DocumentKey, String> titles = new HashMap<>();
        List<MentionView> out = new ArrayList<>();
        for (Mention m : bySection.values()) {
            String title = titles.computeIfAbsent(m.from(), k -> documentation.document(k).map(Document::fullTitle)
                    .orElse(k.value()));
            out.add(new MentionView(m.from().value(), m.from().page().value(), m.from().anchor().orElse(null), title,
                    m.context(), m.text(), m.line()));
        }
        return out;
    }

    private PageView view(DocumentKey asked, DocumentationPage p) {
        Document page = p.page();
        Map<DocumentKey, Integer> depth = new HashMap<>();
        depth.put(page.key(), 0);
        List<SectionView> sections = new ArrayList<>();
        for (Document d : p.documents().subList(1, p.documents().size())) {
            int dep = d.parent().map(k -> depth.getOrDefault(k, 0)).orElse(0) + 1;
            depth.put(d.key(), dep);
            if (sections.size() < MAX_SECTIONS) {
                sections.add(new SectionView(d.key().value(), d.key().anchor().orElse(""), d.title(), dep, d.text()));
            }
        }
        Map<MentionTarget, ReferenceView> refs = new LinkedHashMap<>();
        for (Mention m : p.mentions()) {
            if (refs.size() >= MAX_REFERENCES) {
                break;
            }
            refs.putIfAbsent(m.target(), new ReferenceView(m.target().kind(), m.target().key(), m.text(), m.from().value(),
                    m.line()));
        }
        return new PageView(asked.value(), page.key().value(), page.title(), page.sourcePath(), page.tags(), page.text(),
                sections, List.copyOf(refs.values()), links(documentation.linksFrom(page.key()), PageLink::to),
                links(documentation.linksTo(page.key()), l -> l.from().page()), p.term().map(TermView::of).orElse(null));
    }

    private List<LinkView> links(List<PageLink> links, java.util.function.Function<PageLink, DocumentKey> other) {
        Set<DocumentKey> keys = new LinkedHashSet<>();
        for (PageLink l : links) {
            if (keys.size() >= MAX_LINKS) {
                break;
            }
            keys.add(other.apply(l));
        }
        return keys.stream().map(k -> new LinkView(k.value(), documentation.document(k.page()).map(Document::title)
                .orElse(k.value()))).toList();
    }

    /** A page key from a path as people write it: a leading '/', a trailing ".md" before the anchor are taken. */
    static DocumentKey key(String path) {
        String p = path == null ? "" : path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        int hash = p.indexOf('#');
        String page = hash < 0 ? p : p.substring(0, hash);
        String anchor = hash < 0 ? "" : p.substring(hash);
        if (page.endsWith(".md")) {
            page = page.substring(0, page.length() - 3);
        }
        if (page.isEmpty()) {
            throw ClientError.badRequest("argument 'path' must name a page (fiches/sejours-hospitaliers), got '"
                    + path + "'");
        }
        return DocumentKey.of(page + anchor);
    }

    private static boolean startsWith(String s, String foldedPrefix) {
        return fold(s).startsWith(foldedPrefix);
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

}

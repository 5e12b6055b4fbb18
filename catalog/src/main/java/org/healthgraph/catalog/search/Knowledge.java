package org.healthgraph.catalog.search;

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

/**
 * What the search index adds to a table, variable, code list or code from outside its own entry:
 * what the documentation says where it names it (the sentence and the section's title), how many
 * sections name it, how many joins reach its table, and whether its table is a copy of a more
 * central one. Immutable; build one per index build with {@link #of}.
 *
 * <p>Copy rule: a table of at least {@link #MIN_COPY_VARIABLES} variables of which at least
 * {@link #COPY_SHARE} (by name, ignoring case) are also those of another table of the same product,
 * that other table being more central (more documentation mentions plus joins), is a copy of it (an
 * extract, a supplement, a later layout of the same records): its prominence is lowered. Tables of
 * other products with the same layout (the stays of another field of care, a sample) are left to
 * the canonical-product rule.
 */
public final class Knowledge {

    /** Nothing known: documents are indexed as they are. */
    public static final Knowledge NONE = new Knowledge(Map.of(), Map.of(), Map.of(), Map.of(), Set.of());

    static final double COPY_SHARE = 0.8;
    static final int MIN_COPY_VARIABLES = 3;
    /** Longest knowledge text kept for one entry. */
    static final int MAX_TEXT = 6_000;

    private final Map<String, String> texts;
    private final Map<String, String> topics;
    private final Map<String, Double> mentions;
    private final Map<String, Integer> joins;
    private final Set<String> copies;

    private Knowledge(Map<String, String> texts, Map<String, String> topics, Map<String, Double> mentions,
            Map<String, Integer> joins, Set<String> copies) {
        this.texts = texts;
        this.topics = topics;
        this.mentions = mentions;
        this.joins = joins;
        this.copies = copies;
    }

    /**
     * The knowledge of a catalog and its documentation.
     *
     * @param documentation the documentation (may be empty)
     * @param joinsByTable how many declared joins of other tables reach each table (a table many others
     *     refer to is a hub: the stays, the claims, the beneficiaries)
     * @param variablesByTable the variable names of each table, for the copy rule
     * @param productOfTable the product of each table, for the copy rule
     */
    public static Knowledge of(Documentation documentation, Map<String, Integer> joinsByTable,
            Map<String, ? extends java.util.Collection<String>> variablesByTable, Map<String, String> productOfTable) {
        Map<String, StringBuilder> texts = new HashMap<>();
        Map<String, StringBuilder> topics = new HashMap<>();
        Map<String, Set<String>> seen = new HashMap<>();
        Map<String, Double> mentions = new HashMap<>();
        documentation.forEachPage(page -> add(page, texts, topics, seen, mentions));
        Map<String, String> t = new HashMap<>();
        texts.forEach((k, v) -> t.put(k, v.toString()));
        Map<String, String> about = new HashMap<>();
        topics.forEach((k, v) -> about.put(k, v.toString()));
        Set<String> copies = copies(variablesByTable, productOfTable, mentions, joinsByTable);
        return new Knowledge(t, about, mentions, Map.copyOf(joinsByTable), copies);
    }

    private static void add(DocumentationPage page, Map<String, StringBuilder> texts, Map<String, StringBuilder> topics,
            Map<String, Set<String>> seen, Map<String, Double> mentions) {
        Map<DocumentKey, Document> docs = new HashMap<>();
        page.documents().forEach(d -> docs.put(d.key(), d));
        // A name written once and resolved to k variables (a name shared by k tables) counts 1/k each.
        Map<String, Integer> shared = new HashMap<>();
        for (Mention m : page.mentions()) {
            shared.merge(m.from().value() + "\u0000" + m.line() + "\u0000" + m.text() + "\u0000" + m.target().kind(), 1,
                    Integer::sum);
        }
        for (Mention m : page.mentions()) {
            String key = m.target().key();
            int k = shared.get(m.from().value() + "\u0000" + m.line() + "\u0000" + m.text() + "\u0000" + m.target().kind());
            mentions.merge(key, 1.0 / k, Double::sum);
            Document section = docs.get(m.from());
            String title = section == null ? "" : section.fullTitle();
            if (section != null && m.line() == section.line() && seen.computeIfAbsent(key, x -> new LinkedHashSet<>())
                    .add("\u0000" + title)) {
                // Named in the heading (or a table's own page): the section is about it.
                topics.computeIfAbsent(key, x -> new StringBuilder()).append(title).append('\n');
            }
            StringBuilder b = texts.computeIfAbsent(key, x -> new StringBuilder());
            Set<String> s = seen.computeIfAbsent(key, x -> new LinkedHashSet<>());
            for (String part : List.of(title, m.context())) {
                if (!part.isBlank() && b.length() + part.length() < MAX_TEXT && s.add(part)) {
                    b.append(part).append('\n');
                }
            }
        }
    }

    /** The tables that are copies of a more central table (see the copy rule). */
    static Set<String> copies(Map<String, ? extends java.util.Collection<String>> variablesByTable,
            Map<String, String> productOfTable, Map<String, Double> mentions, Map<String, Integer> joins) {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        variablesByTable.forEach((t, vs) -> {
            Set<String> n = new LinkedHashSet<>();
            vs.forEach(v -> n.add(v.toLowerCase(Locale.ROOT)));
            names.put(t, n);
        });
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> t : names.entrySet()) {
            if (t.getValue().size() < MIN_COPY_VARIABLES) {
                continue;
            }
            double own = centrality(t.getKey(), mentions, joins);
            for (Map.Entry<String, Set<String>> o : names.entrySet()) {
                if (o.getKey().equals(t.getKey()) || centrality(o.getKey(), mentions, joins) <= own
                        || !productOfTable.getOrDefault(o.getKey(), "").equals(productOfTable.getOrDefault(t.getKey(), ""))) {
                    continue;
                }
                long common = t.getValue().stream().filter(o.getValue()::contains).count();
                if (common >= COPY_SHARE * t.getValue().size()) {
                    out.add(t.getKey());
                    break;
                }
            }
        }
        return Set.copyOf(out);
    }

    private static double centrality(String table, Map<String, Double> mentions, Map<String, Integer> joins) {
        return mentions.getOrDefault(table, 0.0) + joins.getOrDefault(table, 0);
    }

    /** Whether a table is a copy of a more central one. */
    public boolean isCopy(String table) {
        return copies.contains(table);
    }

    /** How many sections name an entry (by key), a name shared by k entries counting 1/k. */
    public double mentions(String key) {
        return mentions.getOrDefault(key, 0.0);
    }

    /** {@code d} with its knowledge text and prominence; documentation documents are returned as they are. */
    public SearchDocument enrich(SearchDocument d) {
        if (this == NONE || d.kind() == DocumentKind.DOCUMENT) {
            return d;
        }
        String table = d.table();
        SearchDocument.Prominence p = switch (d.kind()) {
            case TABLE -> new SearchDocument.Prominence(mentions(d.key()), joins.getOrDefault(d.key(), 0), isCopy(d.key()));
            // A variable's own mentions only: its table's fame says which table, not which column.
            case VARIABLE -> new SearchDocument.Prominence(mentions(d.key()), 0, isCopy(table));
            default -> new SearchDocument.Prominence(mentions(d.key()), 0, false);
        };
        return d.withKnowledge(texts.getOrDefault(d.key(), ""), topics.getOrDefault(d.key(), ""), p);
    }

    /** The kinds of entry the documentation may name, as the catalog calls them. */
    static final Set<EntryKind> NAMED = Set.of(EntryKind.TABLE, EntryKind.VARIABLE, EntryKind.NOMENCLATURE, EntryKind.CODE);

    /** The tables found to be copies (see the copy rule). */
    public Set<String> copies() {
        return copies;
    }

    /** Number of entries with knowledge text. */
    public int size() {
        return texts.size();
    }

    /** The keys with knowledge, for tests and reports. */
    List<String> keys() {
        return new ArrayList<>(texts.keySet());
    }
}

package org.healthgraph.catalog.search;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogChangeListener;
import org.healthgraph.catalog.CatalogEntry;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.InMemoryDocumentation;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;

/**
 * The bridge from the catalog to its search index: turns catalog entries into
 * {@link SearchDocument}s, rebuilds the index from the whole catalog ({@code healthgraph reindex}),
 * and keeps it current after each committed change (register {@link #keepingCurrent} with the
 * {@code CatalogWriter}): created and modified entries are re-indexed, deleted ones removed.
 * Datasets are not indexed: their tables carry their name as product.
 */
public final class CatalogDocuments {

    static final Set<EntryKind> INDEXED = Set.of(EntryKind.TABLE, EntryKind.VARIABLE, EntryKind.NOMENCLATURE,
            EntryKind.CODE);

    private final Catalog catalog;
    private final Knowledge knowledge;
    private final int openEndYear;
    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, Nomenclature> lists = new HashMap<>();

    private CatalogDocuments(Catalog catalog, Knowledge knowledge, int openEndYear) {
        this.catalog = catalog;
        this.knowledge = knowledge;
        this.openEndYear = openEndYear;
    }

    /** A converter reading the tables and code lists it needs from {@code catalog}, without documentation. */
    public static CatalogDocuments of(Catalog catalog) {
        return new CatalogDocuments(catalog, Knowledge.NONE, Year.now().getValue());
    }

    /** A converter adding to each entry what {@code knowledge} knows of it. */
    public static CatalogDocuments of(Catalog catalog, Knowledge knowledge) {
        return new CatalogDocuments(catalog, knowledge, Year.now().getValue());
    }

    /**
     * What the catalog's joins and variables and the documentation tell of each entry: mentions,
     * incoming joins, copies (see {@link Knowledge}).
     */
    public static Knowledge knowledge(Catalog catalog, Documentation documentation) {
        Map<String, Integer> joins = new HashMap<>();
        for (Join j : catalog.joins()) {
            if (!j.from().equals(j.to())) {
                joins.merge(j.to().value(), 1, Integer::sum);
            }
        }
        Map<String, String> products = new HashMap<>();
        List<TableName> names = new ArrayList<>();
        for (Table t : catalog.tables()) {
            products.put(t.name().value(), t.dataset());
            names.add(t.name());
        }
        Map<String, List<String>> variables = new HashMap<>();
        catalog.variablesOfTables(names).forEach((t, vs) ->
                variables.put(t.value(), vs.stream().map(v -> v.ref().name()).toList()));
        return Knowledge.of(documentation, joins, variables, products);
    }

    /** Rebuilds {@code index} from every table, variable, code list and code of {@code catalog}. */
    public static long reindex(Catalog catalog, SearchIndex index) {
        return reindex(catalog, new InMemoryDocumentation(), index);
    }

    /**
     * Rebuilds {@code index} from every table, variable, code list and code of {@code catalog}, each
     * with what {@code documentation} says of it, and from every page and section of the documentation.
     */
    public static long reindex(Catalog catalog, Documentation documentation, SearchIndex index) {
        CatalogDocuments docs = of(catalog, knowledge(catalog, documentation));
        return index.rebuild(sink -> {
            catalog.forEachEntry(INDEXED, e -> docs.toDocument(e).ifPresent(sink));
            DocumentationDocuments.of(documentation).forEach(sink);
        });
    }

    /**
     * A listener that re-indexes what each committed catalog change created or modified, and removes
     * from the index what it deleted (visible to the next search).
     */
    public static CatalogChangeListener keepingCurrent(Catalog catalog, SearchIndex index) {
        return change -> update(of(catalog), index, change);
    }

    /**
     * A listener as {@link #keepingCurrent(Catalog, SearchIndex)} whose documents carry what
     * {@code knowledge} gives (read when first needed, then kept: joins and copies learnt since are
     * taken into account at the next {@link #reindex}).
     */
    public static CatalogChangeListener keepingCurrent(Catalog catalog, java.util.function.Supplier<Knowledge> knowledge,
            SearchIndex index) {
        return change -> update(of(catalog, knowledge.get()), index, change);
    }

    private static void update(CatalogDocuments docs, SearchIndex index, CatalogChange change) {
        Catalog catalog = docs.catalog;
        List<SearchDocument> out = new ArrayList<>();
        for (EntryKind kind : List.of(EntryKind.TABLE, EntryKind.VARIABLE, EntryKind.NOMENCLATURE, EntryKind.CODE)) {
            if (!change.keys(kind).isEmpty()) {
                catalog.entries(kind, change.keys(kind)).forEach(e -> docs.toDocument(e).ifPresent(out::add));
            }
        }
        if (!out.isEmpty()) {
            index.upsert(out);
        }
        Set<String> deleted = new java.util.LinkedHashSet<>();
        for (EntryKind kind : INDEXED) {
            deleted.addAll(change.deleted(kind));
        }
        if (!deleted.isEmpty()) {
            index.delete(deleted);
        }
    }

    /** The search document of one entry; empty for datasets. */
    public Optional<SearchDocument> toDocument(CatalogEntry entry) {
        return switch (entry) {
            case Dataset d -> Optional.empty();
            default -> plain(entry).map(knowledge::enrich);
        };
    }

    private Optional<SearchDocument> plain(CatalogEntry entry) {
        return switch (entry) {
            case Dataset d -> Optional.empty();
            case Table t -> {
                tables.put(t.name().value(), t);
                yield Optional.of(new SearchDocument(DocumentKind.TABLE, t.key(), t.name().value(), t.title(),
                        t.scope(), t.dataset(), t.name().value(), "", "",
                        SearchDocument.years(t.history().dateCreated(), t.history().dateDeleted(), openEndYear)));
            }
            case Variable v -> {
                Optional<Table> t = table(v.ref().table());
                yield Optional.of(SearchDocument.variable(t.map(Table::dataset).orElse(""), v.ref().table().value(),
                        t.map(Table::title).orElse(""), v.ref().name(), v.description(),
                        v.codedBy().map(c -> c.nomenclature().value()).orElse(""), v.type(),
                        SearchDocument.years(v.history().dateCreated(), v.history().dateDeleted(), openEndYear)));
            }
            case Nomenclature n -> {
                lists.put(n.name().value(), n);
                yield Optional.of(SearchDocument.nomenclature(n.source(), n.name().value(), n.title()));
            }
            case Code c -> {
                Optional<Nomenclature> n = list(c.ref().nomenclature());
                yield Optional.of(SearchDocument.code(n.map(Nomenclature::source).orElse(""),
                        c.ref().nomenclature().value(), n.map(Nomenclature::title).orElse(""), c.ref().code(), c.label()));
            }
        };
    }

    private Optional<Table> table(TableName name) {
        Table t = tables.get(name.value());
        if (t == null) {
            Optional<Table> read = catalog.table(name);
            read.ifPresent(x -> tables.put(name.value(), x));
            return read;
        }
        return Optional.of(t);
    }

    private Optional<Nomenclature> list(NomenclatureName name) {
        Nomenclature n = lists.get(name.value());
        if (n == null) {
            Optional<Nomenclature> read = catalog.nomenclature(name);
            read.ifPresent(x -> lists.put(name.value(), x));
            return read;
        }
        return Optional.of(n);
    }

}

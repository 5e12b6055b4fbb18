package org.healthgraph.catalog.documentation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;

/**
 * The names of the catalog a {@link MentionResolver} needs: tables, their variables and code lists,
 * code lists, and whether a list holds a code. Names are found as written, then ignoring case, then
 * with a year written where the SNDS names hold a placeholder ({@code T_MCO19B} for {@code T_MCOaaB},
 * {@code CT_DEP_2019_GN} for {@code CT_DEP_AAAA_GN}).
 */
public final class CatalogLookup {

    /** Two or four digits between letters or before the end: a year where names hold "aa" or "AAAA". */
    private static final Pattern YEAR = Pattern.compile("(?<=[a-z_])(\\d{4}|\\d{2})(?=[a-z_]|$)");

    private final Map<String, String> tables = new HashMap<>();
    private final Map<String, String> lists = new HashMap<>();
    /** Variable name (lowercase) to its keys "TABLE.NAME". */
    private final Map<String, List<String>> variables = new HashMap<>();
    /** Variable key to its code list. */
    private final Map<String, String> codedBy = new HashMap<>();
    private final BiPredicate<String, String> hasCode;

    private CatalogLookup(BiPredicate<String, String> hasCode) {
        this.hasCode = hasCode;
    }

    /**
     * The names of {@code catalog}, read at once (tables, variables, code lists); codes are looked up
     * one by one when asked for, and remembered.
     */
    public static CatalogLookup of(Catalog catalog) {
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        CatalogLookup lookup = new CatalogLookup((list, code) -> seen.computeIfAbsent(list + "\u0000" + code,
                k -> catalog.code(new CodeRef(NomenclatureName.of(list), code)).isPresent()));
        List<TableName> names = new ArrayList<>();
        for (Table t : catalog.tables()) {
            lookup.addTable(t.name().value());
            names.add(t.name());
        }
        for (Nomenclature n : catalog.nomenclatures()) {
            lookup.addList(n.name().value());
        }
        catalog.variablesOfTables(names).forEach((table, vars) -> {
            for (Variable v : vars) {
                lookup.addVariable(table.value(), v.ref().name(),
                        v.codedBy().map(c -> c.nomenclature().value()).orElse(""));
            }
        });
        return lookup;
    }

    /** Builds a lookup from names given one by one (tests, the benchmark). */
    public static Builder builder() {
        return new Builder();
    }

    /** Gathers names for {@link #builder()}. */
    public static final class Builder {
        private final Map<String, Map<String, String>> vars = new LinkedHashMap<>();
        private final List<String> lists = new ArrayList<>();
        private final Map<String, java.util.Set<String>> codes = new HashMap<>();

        public Builder table(String name) {
            vars.computeIfAbsent(name, k -> new LinkedHashMap<>());
            return this;
        }

        /** A variable of {@code table}, coded by {@code list} (empty for none). */
        public Builder variable(String table, String name, String list) {
            table(table).vars.get(table).put(name, list == null ? "" : list);
            return this;
        }

        public Builder nomenclature(String name) {
            lists.add(name);
            return this;
        }

        public Builder code(String list, String code) {
            codes.computeIfAbsent(list, k -> new java.util.HashSet<>()).add(code);
            return this;
        }

        public CatalogLookup build() {
            Map<String, java.util.Set<String>> c = Map.copyOf(codes);
            CatalogLookup l = new CatalogLookup((list, code) -> c.getOrDefault(list, java.util.Set.of()).contains(code));
            vars.forEach((t, vs) -> {
                l.addTable(t);
                vs.forEach((v, list) -> l.addVariable(t, v, list));
            });
            lists.forEach(l::addList);
            return l;
        }
    }

    private void addTable(String name) {
        tables.putIfAbsent(name, name);
        tables.putIfAbsent(fold(name), name);
        tables.putIfAbsent(yearless(name), name);
    }

    private void addList(String name) {
        lists.putIfAbsent(name, name);
        lists.putIfAbsent(fold(name), name);
    }

    private void addVariable(String table, String name, String list) {
        String key = table + "." + name;
        variables.computeIfAbsent(fold(name), k -> new ArrayList<>()).add(key);
        if (list != null && !list.isEmpty()) {
            codedBy.put(key, list);
        }
    }

    /** The table so named, as the catalog writes its name. */
    public Optional<String> table(String name) {
        String t = tables.get(name);
        if (t == null) {
            t = tables.get(fold(name));
        }
        if (t == null) {
            t = tables.get(yearless(name));
        }
        return Optional.ofNullable(t);
    }

    /** The code list so named, as the catalog writes its name. */
    public Optional<String> nomenclature(String name) {
        String l = lists.get(name);
        return Optional.ofNullable(l != null ? l : lists.get(fold(name)));
    }

    /** The keys ({@code TABLE.NAME}) of the variables so named, whatever their table. */
    public List<String> variablesNamed(String name) {
        return variables.getOrDefault(fold(name), List.of());
    }

    /** The variable {@code name} of {@code table} (canonical names), if it has one. */
    public Optional<String> variable(String table, String name) {
        return variablesNamed(name).stream().filter(k -> k.startsWith(table + ".")).findFirst();
    }

    /** The code list of a variable ({@code TABLE.NAME}), if it is coded. */
    public Optional<String> codeList(String variableKey) {
        return Optional.ofNullable(codedBy.get(variableKey));
    }

    /** Whether the code list holds this code. */
    public boolean hasCode(String list, String code) {
        return hasCode.test(list, code);
    }

    /** The tables known, for readers that look for table names in code blocks. */
    public Collection<String> tableNames() {
        return java.util.Set.copyOf(tables.values());
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String yearless(String s) {
        return YEAR.matcher(fold(s)).replaceAll(m -> m.group().length() == 4 ? "aaaa" : "aa");
    }
}

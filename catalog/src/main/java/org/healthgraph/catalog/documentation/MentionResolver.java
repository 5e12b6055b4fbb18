package org.healthgraph.catalog.documentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.graph.GraphKeys;

/**
 * Resolves the references of one page against the catalog. Tables and code lists by name; a
 * variable written without its table by the tables the same section names (then the page, then the
 * page's own table for a table page, else every table holding it); a condition
 * ({@code `GRG_GHM`=14Z08Z}) to the variable and, when the variable's code list holds the value, to
 * the code; a name in bold or a code span beside coded variables to a code of their lists. What
 * resolves to nothing is reported (as a warning, with file and line) when it was written as a name
 * (a code span shaped like one, a link to a table page); words of plain text are resolved silently.
 */
public final class MentionResolver {

    /** What looks like a catalog name: letters, digits and '_', with at least one '_' (or a '.' between two). */
    static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)+(\\.[A-Za-z][A-Za-z0-9_]*)?");
    /** A variable named in more tables than this, with nothing around to choose, names none in particular. */
    static final int MAX_TABLES_PER_NAME = 60;
    /** Shortest code looked up among the code lists of its whole section (shorter ones: its block only). */
    static final int MIN_SECTION_CODE = 4;

    private final CatalogLookup lookup;

    public MentionResolver(CatalogLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** The mentions, links and problems of one page. */
    public record Resolution(List<Mention> mentions, List<PageLink> links, List<ImportProblem> problems) {
        public Resolution {
            mentions = List.copyOf(mentions);
            links = List.copyOf(links);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Resolves the references of the page read from {@code sourcePath}.
     *
     * @param pageTable the table the page documents (a page of {@code tables/}), if any
     * @param pages whether a page (key without anchor) exists in the documentation
     */
    public Resolution resolve(String sourcePath, List<Reference> references, Optional<String> pageTable,
            java.util.function.Predicate<DocumentKey> pages) {
        Map<DocumentKey, Set<String>> sectionTables = new HashMap<>();
        Set<String> pageTables = new LinkedHashSet<>();
        pageTable.flatMap(lookup::table).ifPresent(pageTables::add);
        for (Reference r : references) {
            if (r.kind() != Reference.Kind.PAGE_LINK && r.kind() != Reference.Kind.CONDITION) {
                lookup.table(tableName(r)).ifPresent(t -> {
                    sectionTables.computeIfAbsent(r.section(), k -> new LinkedHashSet<>()).add(t);
                    pageTables.add(t);
                });
            }
        }
        Context context = new Context(sectionTables, pageTables, pageTable.flatMap(lookup::table));
        Map<String, Mention> mentions = new LinkedHashMap<>();
        List<PageLink> links = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        Map<Integer, Set<String>> blockLists = new HashMap<>();
        List<Reference> later = new ArrayList<>();
        for (Reference r : references) {
            switch (r.kind()) {
                case PAGE_LINK -> link(sourcePath, r, pages, links, problems);
                case TABLE_LINK -> {
                    Optional<String> t = lookup.table(tableName(r));
                    if (t.isPresent()) {
                        add(mentions, r, new MentionTarget(EntryKind.TABLE, t.get()));
                    } else {
                        problems.add(ImportProblem.warning(sourcePath, "line " + r.line(), "link to the page of table '"
                                + tableName(r) + "', which the catalog does not hold"));
                    }
                }
                case CONDITION -> condition(sourcePath, r, context, mentions, problems, blockLists);
                case IDENTIFIER, WORD -> {
                    if (!name(r, context, mentions, blockLists)) {
                        later.add(r);
                    }
                }
            }
        }
        // Codes in bold or code spans: once every variable of their block is known; a code long
        // enough not to be a mere number may also belong to a variable of its section (a list
        // item under the paragraph that names the variable).
        Map<DocumentKey, Set<String>> sectionLists = new HashMap<>();
        for (Reference r : references) {
            Set<String> lists = blockLists.get(r.block());
            if (lists != null) {
                sectionLists.computeIfAbsent(r.section(), k -> new LinkedHashSet<>()).addAll(lists);
            }
        }
        for (Reference r : later) {
            boolean code = codeOfBlock(r, mentions, blockLists.getOrDefault(r.block(), Set.of()))
                    || r.text().length() >= MIN_SECTION_CODE && r.kind() == Reference.Kind.IDENTIFIER
                    && codeOfBlock(r, mentions, sectionLists.getOrDefault(r.section(), Set.of()));
            if (!code && r.kind() == Reference.Kind.IDENTIFIER && NAME_LIKE.matcher(r.text()).matches()) {
                problems.add(ImportProblem.warning(sourcePath, "line " + r.line(), "'" + r.text()
                        + "' names no table, variable or code list of the catalog"));
            }
        }
        problems.sort(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.where().substring("line ".length()))));
        return new Resolution(List.copyOf(mentions.values()), links, problems);
    }

    private record Context(Map<DocumentKey, Set<String>> sectionTables, Set<String> pageTables,
                           Optional<String> ownTable) {
    }

    /** A table name from a link's last path segment, without ".md", or the text itself. */
    private static String tableName(Reference r) {
        if (r.kind() != Reference.Kind.TABLE_LINK) {
            return r.text();
        }
        String t = r.text();
        int hash = t.indexOf('#');
        t = hash >= 0 ? t.substring(0, hash) : t;
        t = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
        t = t.substring(t.lastIndexOf('/') + 1);
        return t.endsWith(".md") ? t.substring(0, t.length() - 3) : t.endsWith(".html") ? t.substring(0, t.length() - 5) : t;
    }

    private static void link(String sourcePath, Reference r, java.util.function.Predicate<DocumentKey> pages,
            List<PageLink> links, List<ImportProblem> problems) {
        DocumentKey to;
        try {
            to = DocumentKey.of(r.text());
        } catch (RuntimeException e) {
            problems.add(ImportProblem.warning(sourcePath, "line " + r.line(), "link to '" + r.text() + "' is not a page"));
            return;
        }
        if (pages.test(to.page())) {
            links.add(new PageLink(r.section(), to, r.line()));
        } else {
            problems.add(ImportProblem.warning(sourcePath, "line " + r.line(), "link to '" + r.text()
                    + "', which is no page of the documentation"));
        }
    }

    /** A table, code list, TABLE.VARIABLE or variable name; false when it names none. */
    private boolean name(Reference r, Context c, Map<String, Mention> mentions, Map<Integer, Set<String>> blockLists) {
        String text = r.text();
        Optional<String> table = lookup.table(text);
        if (table.isPresent()) {
            add(mentions, r, new MentionTarget(EntryKind.TABLE, table.get()));
            return true;
        }
        Optional<String> list = lookup.nomenclature(text);
        if (list.isPresent()) {
            add(mentions, r, new MentionTarget(EntryKind.NOMENCLATURE, list.get()));
            return true;
        }
        List<String> vars = variables(text, r.section(), c);
        for (String v : vars) {
            add(mentions, r, new MentionTarget(EntryKind.VARIABLE, v));
            lookup.codeList(v).ifPresent(l -> blockLists.computeIfAbsent(r.block(), k -> new LinkedHashSet<>()).add(l));
        }
        return !vars.isEmpty();
    }

    private void condition(String sourcePath, Reference r, Context c, Map<String, Mention> mentions,
            List<ImportProblem> problems, Map<Integer, Set<String>> blockLists) {
        List<String> vars = variables(r.text(), r.section(), c);
        if (vars.isEmpty()) {
            problems.add(ImportProblem.warning(sourcePath, "line " + r.line(), "condition on '" + r.text()
                    + "', which names no variable of the catalog"));
            return;
        }
        boolean found = false;
        Set<String> listsTried = new LinkedHashSet<>();
        for (String v : vars) {
            add(mentions, r, new MentionTarget(EntryKind.VARIABLE, v));
            Optional<String> list = lookup.codeList(v);
            if (list.isPresent()) {
                blockLists.computeIfAbsent(r.block(), k -> new LinkedHashSet<>()).add(list.get());
                listsTried.add(list.get());
                for (String code : codeForms(r.value())) {
                    if (lookup.hasCode(list.get(), code)) {
                        add(mentions, r, new MentionTarget(EntryKind.CODE, GraphKeys.code(list.get(), code)));
                        found = true;
                        break;
                    }
                }
            }
        }
        if (!found && !listsTried.isEmpty()) {
            problems.add(ImportProblem.warning(sourcePath, "line " + r.line(), "value '" + r.value() + "' of "
                    + r.text() + " is no code of " + String.join(", ", listsTried)));
        }
    }

    /** A value as written, then without leading zeros or with the zeros a short number usually has. */
    private static List<String> codeForms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(value.toUpperCase(java.util.Locale.ROOT));
        if (value.matches("0+\\d+")) {
            forms.add(value.replaceFirst("^0+", ""));
        }
        return List.copyOf(forms);
    }

    private boolean codeOfBlock(Reference r, Map<String, Mention> mentions, Set<String> lists) {
        for (String list : lists) {
            for (String code : codeForms(r.text())) {
                if (lookup.hasCode(list, code)) {
                    add(mentions, r, new MentionTarget(EntryKind.CODE, GraphKeys.code(list, code)));
                    return true;
                }
            }
        }
        return false;
    }

    /** The variables a name stands for in a section: see the class comment. */
    private List<String> variables(String text, DocumentKey section, Context c) {
        int dot = text.indexOf('.');
        if (dot > 0) {
            Optional<String> t = lookup.table(text.substring(0, dot));
            return t.flatMap(x -> lookup.variable(x, text.substring(dot + 1))).map(List::of).orElse(List.of());
        }
        List<String> all = lookup.variablesNamed(text);
        if (all.isEmpty()) {
            return all;
        }
        for (Set<String> near : List.of(c.sectionTables().getOrDefault(section, Set.of()), c.pageTables(),
                c.ownTable().map(Set::of).orElse(Set.of()))) {
            List<String> chosen = all.stream().filter(k -> near.contains(k.substring(0, k.indexOf('.')))).toList();
            if (!chosen.isEmpty()) {
                return chosen;
            }
        }
        return all.size() <= MAX_TABLES_PER_NAME ? all : List.of();
    }

    private static void add(Map<String, Mention> mentions, Reference r, MentionTarget target) {
        mentions.putIfAbsent(r.section().value() + "\u0000" + target.kind() + "\u0000" + target.key(),
                new Mention(r.section(), target, r.line(), r.value().isEmpty() ? r.text() : r.text() + "=" + r.value(),
                        r.context()));
    }
}

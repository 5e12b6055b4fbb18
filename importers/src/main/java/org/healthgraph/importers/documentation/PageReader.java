package org.healthgraph.importers.documentation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.Reference;
import org.healthgraph.catalog.documentation.Term;

/**
 * Reads one Markdown page: its front matter (title, tags, permalink), its title (the first level-1
 * heading), its sections (every further heading, nested by level), their plain text (no HTML kept),
 * and what they name: code spans, bold names, conditions ({@code `GRG_GHM`=14Z08Z}), values in a
 * table column headed by a variable, links to table pages and to other pages, and words shaped like
 * catalog names in text and code blocks. Not thread-safe (one reader per thread).
 */
final class PageReader {

    /** A code value: letters, digits, '.', '+', '-', not ending with '.' or '-' (the end of a sentence). */
    static final String VALUE = "[A-Za-z0-9](?:[A-Za-z0-9.+-]{0,18}[A-Za-z0-9+])?";
    /** A condition inside one code span: {@code GRG_GHM='14Z08Z'} or {@code PRS_NAT_REF = 3329}. */
    static final Pattern CONDITION_SPAN = Pattern.compile(
            "([A-Za-z][A-Za-z0-9_]*_[A-Za-z0-9_]+)\\s*(?:==?|eq)\\s*['\"]?(" + PageReader.VALUE + ")['\"]?");
    /** The value after a code span: {@code `GRG_GHM`=14Z08Z}, {@code `X` = '3329'}, {@code `X` in (1, 2)}. */
    static final Pattern VALUE_AFTER = Pattern.compile(
            "^\\s*(?:==?\\s*['\"«]?\\s*(" + PageReader.VALUE + ")|(?:in|IN)\\s*\\(([^)]{1,200})\\))");
    /** A word of text shaped like a catalog name. */
    static final Pattern NAME_WORD = Pattern.compile("\\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\\b");
    /** A value in a table cell that may be a code. */
    static final Pattern CELL_VALUE = Pattern.compile(VALUE);
    /** Separators of several values in one cell ("1 ou 22", "A, B"). */
    static final Pattern CELL_SPLIT = Pattern.compile("\\s*(?:,|;|/|\\bou\\b|\\bet\\b|\\bor\\b)\\s*");
    /** Lines of the site's own syntax that say nothing (containers, includes). */
    static final Pattern SITE_LINE = Pattern.compile("(?m)^\\s*(?::::.*|#include\\s.*|<[A-Za-z][^>]*/>)\\s*$\\n?");
    /** Most references kept from one page: beyond, a page is not documentation but data. */
    static final int MAX_REFERENCES = 20_000;
    /** Hosts whose links are links to this documentation's own pages. */
    static final Pattern SITE_URL = Pattern.compile("https?://documentation-snds\\.health-data-hub\\.fr(/.*)?");
    static final String GLOSSARY = "glossaire/";
    static final String TABLES = "tables/";

    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create(), YamlFrontMatterExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    // State of the page being read.
    private String sourcePath;
    private DocumentKey pageKey;
    private List<ImportProblem> problems;
    private List<Reference> references;
    private List<SectionBuilder> sections;
    private Deque stack;
    private int blocks;
    private Set<String> anchors;
    private boolean referencesCut;

    /** Reads {@code text} (already decoded) of the file at {@code sourcePath}. */
    ReadPage read(String sourcePath, String digest, String text, List<ImportProblem> decodingProblems) {
        this.sourcePath = sourcePath;
        this.pageKey = DocumentKey.of(stripExtension(sourcePath));
        this.problems = new ArrayList<>(decodingProblems);
        this.references = new ArrayList<>();
        this.sections = new ArrayList<>();
        this.stack = new Deque();
        this.blocks = 0;
        this.anchors = new HashSet<>();
        this.referencesCut = false;
        String body = text;
        if (opensFrontMatter(text) && !closesFrontMatter(text)) {
            // Never closed, the front matter would swallow the page: read its lines as text instead.
            problems.add(ImportProblem.warning(sourcePath, "line 1", "front matter opened by '---' is never closed by a"
                    + " second '---'; its lines are read as text"));
            body = text.substring(3);
        }
        Node root = parser.parse(body);
        Map<String, List<String>> front = frontMatter(root, body);
        SectionBuilder page = new SectionBuilder(pageKey, "", 0, 1, Optional.empty(), 0);
        sections.add(page);
        stack.push(page);
        for (Node block = root.getFirstChild(); block != null; block = block.getNext()) {
            topLevel(block, page);
        }
        String title = first(front, "title").orElse(page.title.isEmpty() ? lastSegment(pageKey.value()) : page.title);
        if (sourcePath.startsWith(TABLES)) {
            // A table's page is about that table from its first line.
            String intro = page.text.length() > 0 ? window(page.text.toString(), 0) : title;
            add(new Reference(Reference.Kind.WORD, lastSegment(pageKey.value()), "", pageKey, page.line, 0, intro));
        }
        List<String> tags = front.getOrDefault("tags", List.of());
        List<Document> documents = new ArrayList<>();
        for (SectionBuilder s : sections) {
            documents.add(s.build(title, tags));
        }
        Optional<Term> term = sourcePath.startsWith(GLOSSARY) && !lastSegment(pageKey.value()).equalsIgnoreCase("README")
                ? Optional.of(term(title, documents.get(0))) : Optional.empty();
        Optional<String> pageTable = sourcePath.startsWith(TABLES) ? Optional.of(lastSegment(pageKey.value()))
                : Optional.empty();
        return new ReadPage(sourcePath, digest, documents, term, List.copyOf(references), first(front, "permalink"),
                pageTable, front, List.copyOf(problems));
    }

    // ---- front matter

    private static boolean opensFrontMatter(String text) {
        return text.startsWith("---\n") || text.startsWith("---\r\n");
    }

    private static boolean closesFrontMatter(String text) {
        return Pattern.compile("\\A---\\r?\\n(?:.*\\r?\\n)*?(?:---|\\.\\.\\.)\\s*(?:\\r?\\n|\\z)").matcher(text).lookingAt();
    }

    private Map<String, List<String>> frontMatter(Node root, String text) {
        YamlFrontMatterVisitor visitor = new YamlFrontMatterVisitor();
        root.accept(visitor);
        Map<String, List<String>> data = new LinkedHashMap<>(visitor.getData());
        boolean opened = opensFrontMatter(text);
        boolean parsed = root.getFirstChild() instanceof YamlFrontMatterBlock;
        if (opened && !parsed) {
            problems.add(ImportProblem.warning(sourcePath, "line 1", "front matter opened by '---' is not closed by a"
                    + " second '---' (or holds a line that is neither 'key: value' nor a list item); read as text"));
        } else if (parsed) {
            checkFrontMatterLines(text);
        }
        return data;
    }

    /** Reports front matter lines that the YAML reader skipped as neither {@code key: value} nor an item. */
    private void checkFrontMatterLines(String text) {
        String[] lines = text.split("\r?\n", 200);
        for (int i = 1; i < lines.length && !lines[i].strip().equals("---"); i++) {
            String l = lines[i];
            if (!l.isBlank() && !l.matches("\\s*-\\s.*|\\s*-\\s*|[A-Za-z0-9._-]+\\s*:.*|\\s+.*|\\s*#.*")) {
                problems.add(ImportProblem.warning(sourcePath, "line " + (i + 1),
                        "front matter line is neither 'key: value' nor a list item; ignored"));
            }
        }
    }

    // ---- blocks

    private void topLevel(Node block, SectionBuilder page) {
        if (block instanceof YamlFrontMatterBlock) {
            return;
        }
        if (block instanceof Heading h) {
            heading(h, page);
            return;
        }
        block(block, stack.peek());
    }

    private void heading(Heading h, SectionBuilder page) {
        Inline title = inline(h, null);
        String text = title.text.toString().strip();
        if (h.getLevel() == 1 && page.title.isEmpty() && sections.size() == 1) {
            page.title = text;
            page.line = line(h);
            return;
        }
        while (stack.size() > 1 && stack.peek().level >= h.getLevel()) {
            stack.pop();
        }
        SectionBuilder parent = stack.peek();
        SectionBuilder s = new SectionBuilder(pageKey.section(anchor(text)), text, h.getLevel(), line(h),
                Optional.of(parent.key), sections.size());
        sections.add(s);
        stack.push(s);
        // A heading's names count as the section's.
        title.emit(s, ++blocks, text);
    }

    private void block(Node block, SectionBuilder s) {
        switch (block) {
            case Paragraph p -> paragraph(p, s, "");
            case ListBlock list -> {
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    listItem((ListItem) item, s);
                }
            }
            case BlockQuote q -> {
                for (Node c = q.getFirstChild(); c != null; c = c.getNext()) {
                    block(c, s);
                }
            }
            case TableBlock t -> table(t, s);
            case FencedCodeBlock c -> code(c.getLiteral(), line(c) + 1, s);
            case IndentedCodeBlock c -> code(c.getLiteral(), line(c), s);
            case Heading h -> paragraph(h, s, "");
            case HtmlBlock html -> {
                // raw HTML is never kept
            }
            case ThematicBreak br -> {
                // a rule says nothing
            }
            default -> {
                for (Node c = block.getFirstChild(); c != null; c = c.getNext()) {
                    block(c, s);
                }
            }
        }
    }

    private void paragraph(Node p, SectionBuilder s, String prefix) {
        Inline in = inline(p, null);
        String text = SITE_LINE.matcher(in.text.toString()).replaceAll("").strip();
        if (!text.isEmpty()) {
            s.append(prefix + text);
            in.emit(s, ++blocks, text);
        }
    }

    private void listItem(ListItem item, SectionBuilder s) {
        Inline in = new Inline();
        List<Node> nested = new ArrayList<>();
        for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Paragraph) {
                if (in.text.length() > 0) {
                    in.text.append(' ');
                }
                inline(c, in);
            } else {
                nested.add(c);
            }
        }
        String text = SITE_LINE.matcher(in.text.toString()).replaceAll("").strip();
        if (!text.isEmpty()) {
            s.append("- " + text);
            in.emit(s, ++blocks, text);
        }
        nested.forEach(n -> block(n, s));
    }

    private void table(TableBlock t, SectionBuilder s) {
        List<String> columnVariables = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (Node part = t.getFirstChild(); part != null; part = part.getNext()) {
            boolean head = part instanceof TableHead;
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                if (row instanceof TableRow r) {
                    String text = row(r, head, columnVariables, s);
                    if (!text.isEmpty()) {
                        rows.append(rows.length() > 0 ? "\n" : "").append(text);
                    }
                }
            }
        }
        if (rows.length() > 0) {
            s.append(rows.toString());
        }
    }

    /** Reads one row (its names and, under a column headed by a variable, its codes); returns its text. */
    private String row(TableRow r, boolean head, List<String> columnVariables, SectionBuilder s) {
        Inline in = new Inline();
        List<String> cells = new ArrayList<>();
        int column = 0;
        for (Node cell = r.getFirstChild(); cell != null; cell = cell.getNext(), column++) {
            if (column > 0) {
                in.text.append(" | ");
            }
            int before = in.text.length();
            inline(cell, in);
            String value = in.text.substring(before).strip();
            cells.add(value);
            if (head) {
                Node only = cell.getFirstChild();
                boolean variable = only != null && only.getNext() == null && (only instanceof Code
                        || only instanceof Text && NAME_WORD.matcher(value).matches());
                columnVariables.add(variable && NAME_WORD.matcher(value).matches() ? value : "");
            }
        }
        String text = in.text.toString().strip();
        if (text.isEmpty()) {
            return text;
        }
        int block = ++blocks;
        in.emit(s, block, text);
        if (!head) {
            int line = line(r);
            for (int c = 0; c < cells.size() && c < columnVariables.size(); c++) {
                if (!columnVariables.get(c).isEmpty() && cells.get(c).length() <= 60) {
                    for (String v : CELL_SPLIT.split(cells.get(c).replace("`", "").replace("*", ""))) {
                        if (CELL_VALUE.matcher(v).matches()) {
                            add(new Reference(Reference.Kind.CONDITION, columnVariables.get(c), v, s.key, line, block,
                                    text));
                        }
                    }
                }
            }
        }
        return text;
    }

    private void code(String literal, int firstLine, SectionBuilder s) {
        s.append(literal.stripTrailing());
        int block = ++blocks;
        String[] lines = literal.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = NAME_WORD.matcher(lines[i]);
            while (m.find()) {
                // A line of a program says little about what it names: the section's title will.
                add(new Reference(Reference.Kind.WORD, m.group(), "", s.key, firstLine + i, block, ""));
            }
        }
    }

    // ---- inlines

    /** The plain text of a block's inlines and the references met, emitted once the text is whole. */
    private final class Inline {
        final StringBuilder text = new StringBuilder();
        final List<Pending> pending = new ArrayList<>();

        void emit(SectionBuilder s, int block, String blockText) {
            for (Pending p : pending) {
                add(new Reference(p.kind, p.text, p.value, s.key, p.line, block, window(blockText, p.at)));
            }
        }
    }

    private record Pending(Reference.Kind kind, String text, String value, int line, int at) {
    }

    private Inline inline(Node parent, Inline into) {
        Inline in = into == null ? new Inline() : into;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            inlineNode(n, in);
        }
        return in;
    }

    private void inlineNode(Node n, Inline in) {
        switch (n) {
            case Text t -> {
                int at = in.text.length();
                in.text.append(t.getLiteral());
                Matcher m = NAME_WORD.matcher(t.getLiteral());
                while (m.find()) {
                    in.pending.add(new Pending(Reference.Kind.WORD, m.group(), "", line(t), at + m.start()));
                }
            }
            case Code c -> code(c, in);
            case SoftLineBreak b -> in.text.append(' ');
            case HardLineBreak b -> in.text.append('\n');
            case HtmlInline h -> {
                // raw HTML is never kept
            }
            case StrongEmphasis e -> emphasis(e, in);
            case Emphasis e -> emphasis(e, in);
            case Link l -> link(l, in);
            default -> inline(n, in);
        }
    }

    private void code(Code c, Inline in) {
        int at = in.text.length();
        String literal = c.getLiteral().strip();
        in.text.append(c.getLiteral());
        Matcher inside = CONDITION_SPAN.matcher(literal);
        if (inside.matches()) {
            in.pending.add(new Pending(Reference.Kind.CONDITION, inside.group(1), inside.group(2), line(c), at));
            return;
        }
        if (literal.isEmpty() || literal.length() > 80 || literal.contains(" ")) {
            return;
        }
        Optional<List<String>> values = valuesAfter(c);
        if (values.isPresent()) {
            for (String v : values.get()) {
                in.pending.add(new Pending(Reference.Kind.CONDITION, literal, v, line(c), at));
            }
        } else {
            in.pending.add(new Pending(Reference.Kind.IDENTIFIER, literal, "", line(c), at));
        }
    }

    /** The values of a condition written right after a code span, if the text after it is one. */
    private static Optional<List<String>> valuesAfter(Code c) {
        if (!(c.getNext() instanceof Text t)) {
            return Optional.empty();
        }
        Matcher m = VALUE_AFTER.matcher(t.getLiteral());
        if (!m.find()) {
            // `X`=**14Z08Z** or `X` = `14Z08Z`: the value is the next node
            if (t.getLiteral().strip().matches("==?") && t.getNext() != null) {
                String v = plain(t.getNext()).strip().replaceAll("^['\"]|['\"]$", "");
                return CELL_VALUE.matcher(v).matches() ? Optional.of(List.of(v)) : Optional.empty();
            }
            return Optional.empty();
        }
        if (m.group(1) != null) {
            return Optional.of(List.of(m.group(1)));
        }
        List<String> values = new ArrayList<>();
        for (String v : m.group(2).split(",")) {
            String x = v.strip().replaceAll("^['\"]|['\"]$", "");
            if (CELL_VALUE.matcher(x).matches()) {
                values.add(x);
            }
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values);
    }

    private void emphasis(Node e, Inline in) {
        int at = in.text.length();
        inline(e, in);
        String inner = in.text.substring(at).strip();
        if (!inner.isEmpty() && inner.length() <= 40 && !inner.contains(" ") && e.getFirstChild() instanceof Text) {
            in.pending.add(new Pending(Reference.Kind.IDENTIFIER, inner.replaceAll("[.,;:]+$", ""), "", line(e), at));
        }
    }

    private void link(Link l, Inline in) {
        int at = in.text.length();
        inline(l, in);
        String dest = l.getDestination() == null ? "" : l.getDestination().strip();
        Optional<String> target = pagePath(dest);
        if (target.isEmpty()) {
            return;
        }
        String path = target.get();
        int hash = path.indexOf('#');
        String pagePart = hash >= 0 ? path.substring(0, hash) : path;
        if (pagePart.startsWith(TABLES) || pagePart.startsWith("/" + TABLES)) {
            in.pending.add(new Pending(Reference.Kind.TABLE_LINK, pagePart, "", line(l), at));
        }
        in.pending.add(new Pending(Reference.Kind.PAGE_LINK, path, "", line(l), at));
    }

    /**
     * The page a link points to, as a path from the documentation folder without extension (and
     * {@code #anchor}), or as a site path starting with '/' (a permalink, resolved later); empty for
     * links elsewhere (other sites, mail, images).
     */
    Optional<String> pagePath(String destination) {
        String d = destination;
        Matcher site = SITE_URL.matcher(d);
        if (site.matches()) {
            d = site.group(1) == null ? "/" : site.group(1);
        } else if (d.isEmpty() || d.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") || d.startsWith("//")) {
            return Optional.empty();
        }
        if (d.startsWith("#")) {
            return d.length() > 1 ? Optional.of(pageKey.value() + "#" + slug(d.substring(1))) : Optional.empty();
        }
        d = java.net.URLDecoder.decode(d.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        String anchor = "";
        int hash = d.indexOf('#');
        if (hash >= 0) {
            anchor = d.substring(hash + 1);
            d = d.substring(0, hash);
        }
        int query = d.indexOf('?');
        if (query >= 0) {
            d = d.substring(0, query);
        }
        String path;
        if (d.startsWith("/")) {
            path = d.replaceAll("/+$", "");
            path = stripExtension(path);
            if (path.isEmpty()) {
                return Optional.empty();
            }
        } else {
            String dir = pageKey.value().contains("/") ? pageKey.value().substring(0, pageKey.value().lastIndexOf('/') + 1) : "";
            path = normalise(dir + d);
            if (path == null) {
                return Optional.empty();
            }
            path = stripExtension(path.replaceAll("/+$", ""));
        }
        if (path.isEmpty() || path.equals("/") || lastSegment(path).matches(".+\\.[A-Za-z0-9]{1,5}")) {
            return Optional.empty(); // a file (PDF, image, spreadsheet), not a page
        }
        return Optional.of(anchor.isEmpty() ? path : path + "#" + slug(anchor));
    }

    /** Resolves "." and ".." of a relative path; null when it climbs above the folder. */
    private static String normalise(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    // ---- helpers

    private void add(Reference r) {
        if (references.size() < MAX_REFERENCES) {
            references.add(r);
        } else if (!referencesCut) {
            referencesCut = true;
            problems.add(ImportProblem.warning(sourcePath, "line " + r.line(), "more than " + MAX_REFERENCES
                    + " names on the page; the rest are not looked up"));
        }
    }

    private Term term(String title, Document page) {
        String definition = page.text().length() > 2_000 ? page.text().substring(0, 2_000) : page.text();
        int dash = title.indexOf(" - ");
        String stem = lastSegment(pageKey.value());
        if (dash > 0) {
            String acronym = title.substring(0, dash).strip();
            return new Term(acronym, Optional.of(acronym), Optional.of(title.substring(dash + 3).strip()), definition,
                    page.key());
        }
        if (!stem.equalsIgnoreCase(title) && stem.length() <= 10 && stem.matches("[A-Za-z0-9-]+")
                && Character.isUpperCase(stem.charAt(0))) {
            return new Term(stem, Optional.of(stem), Optional.of(title), definition, page.key());
        }
        return new Term(title, Optional.empty(), Optional.empty(), definition, page.key());
    }

    private String anchor(String heading) {
        String base = slug(heading);
        if (base.isEmpty()) {
            base = "section";
        }
        String a = base;
        for (int i = 1; !anchors.add(a); i++) {
            a = base + "-" + i;
        }
        return a;
    }

    /** A heading as the site's anchors write it: lowercase, accents dropped, other characters as '-'. */
    static String slug(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.length() > 120 ? s.substring(0, 120) : s;
    }

    private static String plain(Node n) {
        StringBuilder b = new StringBuilder();
        if (n instanceof Text t) {
            return t.getLiteral();
        }
        if (n instanceof Code c) {
            return c.getLiteral();
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            b.append(plain(c));
        }
        return b.toString();
    }

    /**
     * The sentence of {@code text} holding position {@code at} (with the next one when it is short),
     * at most {@link Mention#MAX_CONTEXT} characters around {@code at}.
     */
    static String window(String text, int at) {
        int max = Mention.MAX_CONTEXT;
        int pos = Math.max(0, Math.min(at, text.length()));
        int start = 0;
        Matcher m = SENTENCE_END.matcher(text);
        int end = text.length();
        while (m.find()) {
            if (m.end() <= pos) {
                start = m.end();
            } else {
                end = m.start() + 1;
                if (end - start < 60 && m.find()) {
                    end = m.start() + 1;
                }
                break;
            }
        }
        String sentence = text.substring(start, Math.min(end, text.length())).strip();
        if (sentence.length() <= max) {
            return sentence;
        }
        int rel = pos - start;
        int from = Math.max(0, Math.min(rel - max / 2, sentence.length() - max));
        return sentence.substring(from, Math.min(sentence.length(), from + max));
    }

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;:](?=\\s)|\\n");

    private static int line(Node n) {
        return n.getSourceSpans().isEmpty() ? 1 : n.getSourceSpans().get(0).getLineIndex() + 1;
    }

    private static Optional<String> first(Map<String, List<String>> front, String key) {
        List<String> v = front.get(key);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? Optional.empty() : Optional.of(v.get(0).strip());
    }

    static String stripExtension(String path) {
        return path.endsWith(".md") ? path.substring(0, path.length() - 3)
                : path.endsWith(".html") ? path.substring(0, path.length() - 5) : path;
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** One page or section being read. */
    private final class SectionBuilder {
        final DocumentKey key;
        String title;
        final int level;
        int line;
        final Optional<DocumentKey> parent;
        final int order;
        final StringBuilder text = new StringBuilder();
        boolean cut;

        SectionBuilder(DocumentKey key, String title, int level, int line, Optional<DocumentKey> parent, int order) {
            this.key = key;
            this.title = title;
            this.level = level;
            this.line = line;
            this.parent = parent;
            this.order = order;
        }

        void append(String block) {
            if (cut) {
                return;
            }
            if (text.length() + block.length() + 2 > Document.MAX_TEXT) {
                cut = true;
                problems.add(ImportProblem.warning(sourcePath, "line " + line, "text of '" + key.value()
                        + "' is longer than " + Document.MAX_TEXT + " characters; the rest is not kept as its text"));
                return;
            }
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(block);
        }

        Document build(String pageTitle, List<String> tags) {
            return new Document(key, parent.isEmpty() ? pageTitle : title, pageTitle, text.toString(), tags, sourcePath,
                    Math.max(1, line), parent, order);
        }
    }

    /** The open sections, innermost on top. */
    private static final class Deque {
        private final java.util.ArrayDeque<SectionBuilder> items = new java.util.ArrayDeque<>();

        void push(SectionBuilder s) {
            items.push(s);
        }

        SectionBuilder pop() {
            return items.pop();
        }

        SectionBuilder peek() {
            return items.peek();
        }

        int size() {
            return items.size();
        }
    }
}

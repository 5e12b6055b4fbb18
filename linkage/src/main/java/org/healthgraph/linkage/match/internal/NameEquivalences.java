package org.healthgraph.linkage.match.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.healthgraph.linkage.match.LinkageException;

/**
 * A table of name equivalences (diminutives, short forms): lines {@code variant,canonical}, read
 * from the built-in French first-name table ({@value #BUILTIN}) and from users' files. Chains are
 * followed to their end (KATY → CATHY → CATHERINE); a variant may have several canonical forms.
 * Two names are equivalent when their chains end at a common name (their <em>roots</em>), or when
 * one is a compound name (several words) and the other a single name equivalent to one of its
 * words (JEAN PIERRE and PIERROT). A chain that comes back to a name (a cycle) is an error naming
 * its lines.
 */
public final class NameEquivalences {

    /** The source name of the built-in French first-name table. */
    public static final String BUILTIN = "builtin:prenoms-fr";

    private static final String BUILTIN_RESOURCE = "/org/healthgraph/linkage/match/prenoms-fr.csv";

    /** variant to its canonical forms (normalised names). */
    private final Map<String, Set<String>> canonical;
    private final Map<String, String[]> roots = new HashMap<>();

    private NameEquivalences(Map<String, Set<String>> canonical) {
        this.canonical = canonical;
    }

    /** The built-in table alone. */
    public static NameEquivalences builtin() {
        return load(List.of(BUILTIN));
    }

    /**
     * Reads tables in order: each source is {@value #BUILTIN} or a file path.
     *
     * @throws LinkageException naming the file and line of a malformed line, or the lines of a cycle
     */
    public static NameEquivalences load(List<String> sources) {
        Map<String, Set<String>> canonical = new HashMap<>();
        Map<String, String> lineOf = new HashMap<>();
        for (String source : sources) {
            read(source, canonical, lineOf);
        }
        requireNoCycle(canonical, lineOf);
        return new NameEquivalences(canonical);
    }

    private static void read(String source, Map<String, Set<String>> canonical, Map<String, String> lineOf) {
        String label = source.equals(BUILTIN) ? BUILTIN : Path.of(source).getFileName().toString();
        try (BufferedReader reader = open(source)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#") || text.equalsIgnoreCase("name,canonical")) {
                    continue;
                }
                String[] parts = text.split(",", -1);
                String where = label + " line " + number;
                if (parts.length != 2) {
                    throw new LinkageException("equivalences " + where + ": expected two names separated by a comma (variant,canonical)");
                }
                String variant = Text.name(parts[0]);
                String target = Text.name(parts[1]);
                if (variant == null || target == null) {
                    throw new LinkageException("equivalences " + where + ": a name is empty after normalisation (letters are needed)");
                }
                if (variant.equals(target)) {
                    throw new LinkageException("equivalences " + where + ": maps a name to itself (a cycle of one line); remove the line");
                }
                if (canonical.computeIfAbsent(variant, k -> new LinkedHashSet<>()).add(target)) {
                    lineOf.put(variant + "\u001f" + target, where);
                }
            }
        } catch (IOException e) {
            throw new LinkageException("equivalences " + label + ": cannot be read", e);
        }
    }

    private static BufferedReader open(String source) throws IOException {
        if (source.equals(BUILTIN)) {
            InputStream in = NameEquivalences.class.getResourceAsStream(BUILTIN_RESOURCE);
            if (in == null) {
                throw new LinkageException(org.healthgraph.graph.ErrorKind.INTERNAL, "equivalences: the built-in table is missing from the build", null);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        if (source.startsWith("builtin:")) {
            throw new LinkageException("equivalences: unknown built-in table '" + source + "'; the built-in table is " + BUILTIN);
        }
        return Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8);
    }

    /** Depth-first search for a chain that comes back to a name; names the lines of the first cycle found. */
    private static void requireNoCycle(Map<String, Set<String>> canonical, Map<String, String> lineOf) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : new TreeSet<>(canonical.keySet())) {
            List<String> path = new ArrayList<>();
            visit(start, canonical, state, path, lineOf);
        }
    }

    private static void visit(String name, Map<String, Set<String>> canonical, Map<String, Integer> state, List<String> path,
                              Map<String, String> lineOf) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            List<String> lines = new ArrayList<>();
            for (int k = 0; k + 1 < cycle.size(); k++) {
                lines.add(lineOf.get(cycle.get(k) + "\u001f" + cycle.get(k + 1)));
            }
            throw new LinkageException("equivalences: the lines " + String.join(", ", lines)
                    + " form a cycle (following them comes back to the first name); a variant must lead to a canonical name, remove one of them");
        }
        state.put(name, 1);
        path.add(name);
        for (String next : canonical.getOrDefault(name, Set.of())) {
            visit(next, canonical, state, path, lineOf);
        }
        path.removeLast();
        state.put(name, 2);
    }

    /**
     * The roots of a normalised name, sorted: the ends of its chains, or the name itself when the
     * table does not list it. Not thread-safe (results are cached): call it while building.
     */
    public String[] roots(String name) {
        String[] r = roots.get(name);
        if (r == null) {
            Set<String> out = new TreeSet<>();
            collect(name, out);
            r = out.toArray(String[]::new);
            roots.put(name, r);
        }
        return r;
    }

    private void collect(String name, Set<String> out) {
        Set<String> next = canonical.get(name);
        if (next == null) {
            out.add(name);
            return;
        }
        for (String n : next) {
            collect(n, out);
        }
    }

    /** True when two normalised names are equivalent (see the class comment). Not thread-safe, like {@link #roots}. */
    public boolean equivalent(String a, String b) {
        if (a.equals(b) || share(roots(a), roots(b))) {
            return true;
        }
        boolean compoundA = a.indexOf(' ') > 0;
        boolean compoundB = b.indexOf(' ') > 0;
        if (compoundA == compoundB) {
            return false;
        }
        String compound = compoundA ? a : b;
        String[] single = roots(compoundA ? b : a);
        for (String word : compound.split(" ")) {
            if (share(roots(word), single)) {
                return true;
            }
        }
        return false;
    }

    private static boolean share(String[] x, String[] y) {
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            int c = x[i].compareTo(y[j]);
            if (c == 0) {
                return true;
            }
            if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /** Number of variant lines read (distinct variant-canonical pairs). */
    public int size() {
        return canonical.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public String toString() {
        return "NameEquivalences[" + size() + " lines]";
    }
}

package org.healthgraph.catalog.search.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * The curated synonym and abbreviation list, applied at query time. Each line is either a set of
 * equivalent phrases ({@code CIM-10, CIM10, ICD-10}) or a one-way rule ({@code DP => diagnostic
 * principal}); '#' starts a comment. Phrases are compared as folded, lowercased words, so
 * "décès", "Deces" and "DECES" are one phrase.
 */
public final class Synonyms {

    /** The list kept in the repository. */
    public static final String RESOURCE = "/org/healthgraph/catalog/search/synonyms.txt";
    /** Longest phrase looked up, in words. */
    static final int MAX_PHRASE_WORDS = 8;

    private final Map<String, Set<String>> expansions;
    private final Analyzer plain = Analysis.plain();

    private Synonyms(Map<String, Set<String>> expansions) {
        this.expansions = expansions;
    }

    /** The list shipped with the application. */
    public static Synonyms curated() {
        try (InputStream in = Synonyms.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("synonym list " + RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A list from its text; {@code origin} names it in error messages. */
    public static Synonyms parse(String text, String origin) {
        Synonyms s = new Synonyms(new HashMap<>());
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                s.addLine(line, origin, number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private void addLine(String raw, String origin, int number) {
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (line.isEmpty()) {
            return;
        }
        String[] sides = line.split("=>", -1);
        if (sides.length > 2) {
            throw new IllegalArgumentException(origin + " line " + number + ": at most one '=>' per rule");
        }
        List<String> left = phrases(sides[0], origin, number);
        List<String> right = sides.length == 2 ? phrases(sides[1], origin, number) : left;
        for (String from : left) {
            for (String to : right) {
                if (!to.equals(from)) {
                    expansions.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
                }
            }
        }
    }

    private List<String> phrases(String side, String origin, int number) {
        List<String> out = new ArrayList<>();
        for (String p : side.split(",")) {
            String norm = normalize(p);
            if (norm.isEmpty()) {
                throw new IllegalArgumentException(origin + " line " + number + ": empty phrase in '" + side.strip() + "'");
            }
            if (norm.split(" ").length > MAX_PHRASE_WORDS) {
                throw new IllegalArgumentException(origin + " line " + number + ": phrase '" + p.strip()
                        + "' has more than " + MAX_PHRASE_WORDS + " words");
            }
            out.add(norm);
        }
        return out;
    }

    /** Folded lowercase words joined by single spaces. */
    String normalize(String phrase) {
        return String.join(" ", Analysis.terms(plain, Fields.LABEL_PLAIN, phrase));
    }

    /** What {@code phrase} (normalized) expands to; empty when it has no synonym. */
    public Set<String> expansionsOf(String normalizedPhrase) {
        return expansions.getOrDefault(normalizedPhrase, Set.of());
    }

    /**
     * Splits folded words into concepts: at each position the longest phrase that has synonyms, or
     * else the single word.
     */
    public List<Concept> concepts(List<String> words) {
        List<Concept> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int matched = 0;
            for (int len = Math.min(MAX_PHRASE_WORDS, words.size() - i); len >= 1 && matched == 0; len--) {
                String phrase = String.join(" ", words.subList(i, i + len));
                if (expansions.containsKey(phrase)) {
                    out.add(new Concept(phrase, List.copyOf(expansions.get(phrase))));
                    matched = len;
                }
            }
            if (matched == 0) {
                out.add(new Concept(words.get(i), List.of()));
                matched = 1;
            }
            i += matched;
        }
        return out;
    }

    /**
     * These synonyms and, in addition, each group of {@code equivalents} (phrases that find each
     * other, such as a glossary's acronym and its expansion). Phrases that are empty once normalised
     * or longer than {@link #MAX_PHRASE_WORDS} words are left out.
     */
    public Synonyms with(List<List<String>> equivalents) {
        Map<String, Set<String>> copy = new HashMap<>();
        expansions.forEach((k, v) -> copy.put(k, new LinkedHashSet<>(v)));
        Synonyms s = new Synonyms(copy);
        for (List<String> group : equivalents) {
            List<String> phrases = group.stream().map(s::normalize)
                    .filter(p -> !p.isEmpty() && p.split(" ").length <= MAX_PHRASE_WORDS).distinct().toList();
            for (String from : phrases) {
                for (String to : phrases) {
                    if (!to.equals(from)) {
                        copy.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
                    }
                }
            }
        }
        return s;
    }

    /** Number of phrases that have expansions. */
    public int size() {
        return expansions.size();
    }

    /** One idea of the query: the words typed and what they may also be written as. */
    public record Concept(String typed, List<String> synonyms) {
    }
}

package org.healthgraph.bench.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graded questions of the relevance set and the measures computed on them: nDCG@10 (gain
 * 2^grade - 1, log2 discount, ideal from the graded list) and MRR (reciprocal rank of the first hit
 * of grade 1 or more within the first 10, else 0).
 *
 * <p>The set has two halves: the tuning half ({@code relevance-snds.txt}), on which rules are tuned,
 * and the held-out test half ({@code relevance-snds-test.txt}), written from the documentation by
 * someone who had not seen the engine. Both are read the same way: one question a line, groups
 * started by {@code ## kind: X} lines.
 */
final class RelevanceSet {

    static final String TUNING = "/org/healthgraph/bench/search/relevance-snds.txt";
    static final String TEST = "/org/healthgraph/bench/search/relevance-snds-test.txt";
    static final int K = 10;
    /** Kind of the questions before any {@code ## kind:} line. */
    static final String NO_KIND = "unclassified";

    record Question(String text, String kind, Map<String, Integer> grades) {
    }

    private RelevanceSet() {
    }

    /** The tuning half. */
    static List<Question> tuning() {
        return load(TUNING).orElseThrow(() -> new IllegalStateException(TUNING + " is missing from the class path"));
    }

    /** The test half, when it is in this build. */
    static java.util.Optional<List<Question>> test() {
        return load(TEST);
    }

    static java.util.Optional<List<Question>> load(String resource) {
        InputStream in = RelevanceSet.class.getResourceAsStream(resource);
        if (in == null) {
            return java.util.Optional.empty();
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return java.util.Optional.of(parse(r, resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Question> parse(BufferedReader r, String origin) throws IOException {
        List<Question> out = new ArrayList<>();
        String kind = NO_KIND;
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String l = line.strip();
            java.util.regex.Matcher group = KIND_LINE.matcher(l);
            if (group.matches()) {
                kind = group.group(1).toLowerCase(java.util.Locale.ROOT);
                continue;
            }
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int bar = l.lastIndexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException(origin + " line " + n + ": expected 'question | key=grade ...'");
            }
            Map<String, Integer> grades = new LinkedHashMap<>();
            for (String kv : l.substring(bar + 1).strip().split("\\s+")) {
                int eq = kv.lastIndexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(origin + " line " + n + ": expected key=grade, found '" + kv + "'");
                }
                grades.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
            }
            out.add(new Question(l.substring(0, bar).strip(), kind, grades));
        }
        return out;
    }

    private static final java.util.regex.Pattern KIND_LINE = java.util.regex.Pattern.compile("##\\s*kind\\s*:\\s*(\\S+)\\s*");

    static double ndcg(List<String> ranked, Map<String, Integer> grades) {
        double dcg = 0;
        for (int i = 0; i < Math.min(K, ranked.size()); i++) {
            dcg += gain(grades.getOrDefault(ranked.get(i), 0)) / log2(i + 2);
        }
        List<Integer> ideal = grades.values().stream().sorted(Comparator.reverseOrder()).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(K, ideal.size()); i++) {
            idcg += gain(ideal.get(i)) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    static double reciprocalRank(List<String> ranked, Map<String, Integer> grades) {
        for (int i = 0; i < Math.min(K, ranked.size()); i++) {
            if (grades.getOrDefault(ranked.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

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
 * The graded questions of {@code relevance-snds.txt} and the measures computed on them: nDCG@10
 * (gain 2^grade - 1, log2 discount, ideal from the graded list) and MRR (reciprocal rank of the
 * first hit of grade 1 or more within the first 10, else 0).
 */
final class RelevanceSet {

    static final String RESOURCE = "/org/healthgraph/bench/search/relevance-snds.txt";
    static final int K = 10;

    record Question(String text, Map<String, Integer> grades) {
    }

    private RelevanceSet() {
    }

    static List<Question> load() {
        List<Question> out = new ArrayList<>();
        try (InputStream in = RelevanceSet.class.getResourceAsStream(RESOURCE);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int bar = l.lastIndexOf('|');
                if (bar < 0) {
                    throw new IllegalArgumentException(RESOURCE + " line " + n + ": expected 'question | key=grade ...'");
                }
                Map<String, Integer> grades = new LinkedHashMap<>();
                for (String kv : l.substring(bar + 1).strip().split("\\s+")) {
                    int eq = kv.lastIndexOf('=');
                    grades.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
                }
                out.add(new Question(l.substring(0, bar).strip(), grades));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

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

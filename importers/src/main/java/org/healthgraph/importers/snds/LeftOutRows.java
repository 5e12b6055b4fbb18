package org.healthgraph.importers.snds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rows left out of an import: a count per rule, and the first ones with where they stand. */
final class LeftOutRows {

    /** Rows kept one by one in the report; the others are only counted. */
    static final int KEPT = 100;

    private final Map<String, Long> perRule = new TreeMap<>();
    private final List<SndsExtractImporter.LeftOut> first = new ArrayList<>();

    void add(String file, long line, String column, String rule) {
        perRule.merge(rule, 1L, Long::sum);
        if (first.size() < KEPT) {
            first.add(new SndsExtractImporter.LeftOut(file, line, column, rule));
        }
    }

    Map<String, Long> perRule() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(perRule));
    }

    List<SndsExtractImporter.LeftOut> first() {
        return List.copyOf(first);
    }
}

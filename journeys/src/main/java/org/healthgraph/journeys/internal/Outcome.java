package org.healthgraph.journeys.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.healthgraph.journeys.Cancellation;
import org.healthgraph.journeys.CohortPartial;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortResult;
import org.healthgraph.journeys.Disclosure;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.PathwaySpec;

/**
 * The levels of the patients one evaluation read, and the aggregates drawn from them. Patients it did
 * not read (outside the index event's candidates) have no index event: level -1, in no count.
 */
public final class Outcome {

    private final TimelineIndex x;
    private final CohortQuery query;
    /** The positions of the patients read, increasing; null: every patient, position i at i. */
    private final int[] read;
    /** Per patient read (same order as {@code read}): its level, and its chosen index event. */
    private final int[] level;
    private final int[] chosen;
    private final Cancellation cancellation;
    private final boolean parallel;

    Outcome(TimelineIndex x, CohortQuery query, int[] read, int[] level, int[] chosen, Cancellation cancellation,
            boolean parallel) {
        this.cancellation = cancellation;
        this.parallel = parallel;
        this.x = x;
        this.query = query;
        this.read = read;
        this.level = level;
        this.chosen = chosen;
    }

    /** Raw (unsuppressed) patients after each step: index first, then each rule. */
    public long[] rawAttrition() {
        long[] counts = new long[query.rules().size() + 1];
        for (int l : level) {
            for (int k = 0; k <= l; k++) {
                counts[k]++;
            }
        }
        return counts;
    }

    /** Raw number of patients in the cohort. */
    public long rawCount() {
        long[] a = rawAttrition();
        return a[a.length - 1];
    }

    /** Ids of patients in the cohort, in id order, from {@code offset}, at most {@code limit}. */
    public List<String> patientIds(int offset, int limit) {
        int full = query.rules().size();
        List<String> out = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < level.length && out.size() < limit; i++) {
            if (level[i] == full) {
                if (skipped++ >= offset) {
                    out.add(x.ids[position(i)]);
                }
            }
        }
        return out;
    }

    /** The aggregate result, counts released as they are and suppressed below the query's threshold. */
    public CohortResult result() {
        return result(Disclosure.exact());
    }

    /** The aggregate result, counts released under {@code disclosure} (see {@link Disclosure}). */
    public CohortResult result(Disclosure disclosure) {
        return partial(disclosure, false).release(query, disclosure);
    }

    /**
     * The raw aggregates of this evaluation, with the cell keys of {@code disclosure} when it
     * perturbs, and the cohort's ids when {@code keepIds}: what {@link #result} releases, and what
     * an evaluation spread over parts of the population merges before releasing.
     */
    public CohortPartial partial(Disclosure disclosure, boolean keepIds) {
        RecordKeys recordKeys = disclosure instanceof Disclosure.CellKey c ? x.recordKeys(c.key()) : null;
        long[] raw = rawAttrition();
        int[] keys = recordKeys != null ? attritionCellKeys(recordKeys) : new int[raw.length];
        Optional<Map<String, long[]>> nodes = Optional.empty();
        Optional<Map<String, long[]>> links = Optional.empty();
        if (query.pathways() != null) {
            Map<String, long[]> n = new LinkedHashMap<>();
            Map<String, long[]> l = new LinkedHashMap<>();
            pathways(query.pathways(), recordKeys, n, l);
            nodes = Optional.of(n);
            links = Optional.of(l);
        }
        Optional<java.util.Collection<String>> ids = keepIds ? Optional.of(patientIds(0, Integer.MAX_VALUE)) : Optional.empty();
        return CohortPartial.of(raw, keys, recordKeys != null, nodes, links, ids);
    }

    /** The cell key of each attrition row: the sum of its patients' record keys, modulo 256. */
    private int[] attritionCellKeys(RecordKeys recordKeys) {
        int[] keys = new int[query.rules().size() + 1];
        for (int i = 0; i < level.length; i++) {
            int l = level[i];
            if (l < 0) {
                continue;
            }
            int r = recordKeys.of(position(i));
            for (int k = 0; k <= l; k++) {
                keys[k] = (keys[k] + r) & 0xff;
            }
        }
        return keys;
    }

    /** Fills the pathway cells, per cell [count, cell key] (keys 0 when {@code recordKeys} is null). */
    private void pathways(PathwaySpec spec, RecordKeys recordKeys, Map<String, long[]> nodes, Map<String, long[]> links) {
        List<String> names = spec.names();
        List<CompiledCriterion> cats = new ArrayList<>();
        for (String name : names) {
            EventCriterion c = spec.categories().get(name);
            cats.add(new CompiledCriterion(c, x));
        }
        int full = query.rules().size();
        int[] members = IntStream.range(0, level.length).filter(i -> level[i] == full).toArray();
        IntStream over = IntStream.range(0, members.length);
        List<List<String>> paths = (parallel ? over.parallel() : over)
                .mapToObj(m -> {
                    if (m % TimelineEngine.CHUNK == 0) {
                        cancellation.check();
                    }
                    return path(members[m], spec, names, cats);
                }).toList();
        cancellation.check();
        for (int m = 0; m < paths.size(); m++) {
            List<String> path = paths.get(m);
            int r = recordKeys == null ? 0 : recordKeys.of(position(members[m]));
            for (int i = 0; i < path.size(); i++) {
                String id = (i + 1) + ":" + path.get(i);
                add(nodes.computeIfAbsent(id, k -> new long[2]), r);
                if (i > 0) {
                    add(links.computeIfAbsent(i + ":" + path.get(i - 1) + "\u0000" + id, k -> new long[2]), r);
                }
            }
        }
    }

    private static void add(long[] cell, int recordKey) {
        cell[0]++;
        cell[1] = (cell[1] + recordKey) & 0xff;
    }

    /** The index position of the i-th patient read. */
    private int position(int i) {
        return read == null ? i : read[i];
    }

    /** The pathway of the i-th patient read, from its chosen index event. */
    private List<String> path(int i, PathwaySpec spec, List<String> names, List<CompiledCriterion> cats) {
        int p = position(i);
        int ix = chosen[i];
        int s = x.start.get(ix);
        List<String> steps = new ArrayList<>();
        int e = x.eventOffset.get(p);
        int to = x.eventOffset.get(p + 1);
        while (e < to && steps.size() < spec.depth()) {
            if (x.start.get(e) <= s || x.start.get(e) > s + spec.maxDaysAfter() || categories(p, e, names, cats).isEmpty()) {
                e++;
                continue;
            }
            int stepStart = x.start.get(e);
            TreeSet<String> label = new TreeSet<>();
            while (e < to && x.start.get(e) <= stepStart + spec.combinationDays() && x.start.get(e) <= s + spec.maxDaysAfter()) {
                label.addAll(categories(p, e, names, cats));
                e++;
            }
            String l = String.join("+", label);
            if (!(spec.collapseRepeats() && !steps.isEmpty() && steps.getLast().equals(l))) {
                steps.add(l);
            }
        }
        return steps;
    }

    private List<String> categories(int p, int e, List<String> names, List<CompiledCriterion> cats) {
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < cats.size(); i++) {
            if (cats.get(i).matches(x, p, e)) {
                out.add(names.get(i));
            }
        }
        return out;
    }
}

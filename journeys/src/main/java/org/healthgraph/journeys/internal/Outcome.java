package org.healthgraph.journeys.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.healthgraph.journeys.AttritionStep;
import org.healthgraph.journeys.Cancellation;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortResult;
import org.healthgraph.journeys.Disclosure;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.PathwaySpec;
import org.healthgraph.journeys.Pathways;
import org.healthgraph.journeys.SuppressedCount;

/** The per-patient levels of one evaluation, and the aggregates drawn from them. */
public final class Outcome {

    private final TimelineIndex x;
    private final CohortQuery query;
    private final int[] level;
    private final int[] chosen;
    private final Cancellation cancellation;
    private final boolean parallel;

    Outcome(TimelineIndex x, CohortQuery query, int[] level, int[] chosen, Cancellation cancellation, boolean parallel) {
        this.cancellation = cancellation;
        this.parallel = parallel;
        this.x = x;
        this.query = query;
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
        for (int p = 0; p < level.length && out.size() < limit; p++) {
            if (level[p] == full) {
                if (skipped++ >= offset) {
                    out.add(x.ids[p]);
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
        Cells cells = new Cells(disclosure);
        long[] raw = rawAttrition();
        int[] keys = cells.perturbed() ? attritionCellKeys(cells) : new int[raw.length];
        List<AttritionStep> steps = new ArrayList<>();
        steps.add(new AttritionStep(0, "index event", cells.release(raw[0], keys[0])));
        for (int k = 0; k < query.rules().size(); k++) {
            steps.add(new AttritionStep(k + 1, query.rules().get(k).label(), cells.release(raw[k + 1], keys[k + 1])));
        }
        Optional<Pathways> pathways = Optional.ofNullable(query.pathways()).map(spec -> pathways(spec, cells));
        // The cohort's count is its last attrition row: the same cell, released the same.
        return new CohortResult(steps.getLast().patients(), steps, pathways);
    }

    /** The cell key of each attrition row: the sum of its patients' record keys, modulo 256. */
    private int[] attritionCellKeys(Cells cells) {
        int[] keys = new int[query.rules().size() + 1];
        for (int p = 0; p < level.length; p++) {
            int l = level[p];
            if (l < 0) {
                continue;
            }
            int r = cells.recordKey(p);
            for (int k = 0; k <= l; k++) {
                keys[k] = (keys[k] + r) & 0xff;
            }
        }
        return keys;
    }

    /** Releases cells under one disclosure control, with the record keys of this index when it perturbs. */
    private final class Cells {
        private final int threshold = query.suppressBelow();
        private final Disclosure.CellKey cellKey;
        private final RecordKeys recordKeys;

        Cells(Disclosure disclosure) {
            this.cellKey = disclosure instanceof Disclosure.CellKey c ? c : null;
            this.recordKeys = cellKey == null ? null : x.recordKeys(cellKey.key());
        }

        boolean perturbed() {
            return cellKey != null;
        }

        int recordKey(int patient) {
            return recordKeys == null ? 0 : recordKeys.of(patient);
        }

        SuppressedCount release(long count, int key) {
            return cellKey == null ? SuppressedCount.of(count, threshold) : cellKey.release(count, key, threshold);
        }
    }

    private Pathways pathways(PathwaySpec spec, Cells cells) {
        List<String> names = spec.names();
        List<CompiledCriterion> cats = new ArrayList<>();
        for (String name : names) {
            EventCriterion c = spec.categories().get(name);
            cats.add(new CompiledCriterion(c, x));
        }
        int full = query.rules().size();
        int[] members = IntStream.range(0, level.length).filter(p -> level[p] == full).toArray();
        IntStream over = IntStream.range(0, members.length);
        List<List<String>> paths = (parallel ? over.parallel() : over)
                .mapToObj(m -> {
                    if (m % TimelineEngine.CHUNK == 0) {
                        cancellation.check();
                    }
                    return path(members[m], spec, names, cats);
                }).toList();
        cancellation.check();
        // Per cell: [count, cell key].
        Map<String, long[]> nodes = new LinkedHashMap<>();
        Map<String, long[]> links = new LinkedHashMap<>();
        for (int m = 0; m < paths.size(); m++) {
            List<String> path = paths.get(m);
            int r = cells.recordKey(members[m]);
            for (int i = 0; i < path.size(); i++) {
                String id = (i + 1) + ":" + path.get(i);
                add(nodes.computeIfAbsent(id, k -> new long[2]), r);
                if (i > 0) {
                    add(links.computeIfAbsent(i + ":" + path.get(i - 1) + "\u0000" + id, k -> new long[2]), r);
                }
            }
        }
        List<Pathways.Node> nodeList = new ArrayList<>();
        nodes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(n -> {
            int colon = n.getKey().indexOf(':');
            nodeList.add(new Pathways.Node(n.getKey(), Integer.parseInt(n.getKey().substring(0, colon)),
                    n.getKey().substring(colon + 1), cells.release(n.getValue()[0], (int) n.getValue()[1])));
        });
        List<Pathways.Link> linkList = new ArrayList<>();
        links.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(l -> {
            String[] parts = l.getKey().split("\u0000");
            linkList.add(new Pathways.Link(parts[0], parts[1], cells.release(l.getValue()[0], (int) l.getValue()[1])));
        });
        return new Pathways(nodeList, linkList);
    }

    private static void add(long[] cell, int recordKey) {
        cell[0]++;
        cell[1] = (cell[1] + recordKey) & 0xff;
    }

    private List<String> path(int p, PathwaySpec spec, List<String> names, List<CompiledCriterion> cats) {
        int ix = chosen[p];
        int s = x.start[ix];
        List<String> steps = new ArrayList<>();
        int e = x.eventOffset[p];
        int to = x.eventOffset[p + 1];
        while (e < to && steps.size() < spec.depth()) {
            if (x.start[e] <= s || x.start[e] > s + spec.maxDaysAfter() || categories(p, e, names, cats).isEmpty()) {
                e++;
                continue;
            }
            int stepStart = x.start[e];
            TreeSet<String> label = new TreeSet<>();
            while (e < to && x.start[e] <= stepStart + spec.combinationDays() && x.start[e] <= s + spec.maxDaysAfter()) {
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

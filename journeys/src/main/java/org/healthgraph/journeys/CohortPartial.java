package org.healthgraph.journeys;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.healthgraph.journeys.internal.TimelineEngine;
import org.healthgraph.journeys.internal.TimelineIndex;

/**
 * The raw, mergeable aggregates of one cohort query over some of the patients: patients after each
 * attrition step, patients in each pathway node and link, each with its cell key (the sum of its
 * patients' record keys modulo 256, when evaluated for the cell-key perturbation), and optionally the
 * ids of the cohort's patients. Partials of disjoint sets of patients {@link #merge} into the partial
 * of their union, which {@link #release}s the same {@link CohortResult} as the single-machine
 * {@link CohortService} (the same engine evaluates each patient, and the service releases its own
 * results through this class): what a job spread over many machines (the Spark module) needs.
 *
 * <p>Raw counts are not suppressed: a partial is an intermediate value of a computation, never an
 * answer to a user. Serializable, so that it can travel between a cluster's workers and its driver.
 */
public final class CohortPartial implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long[] attrition;
    private final int[] attritionKeys;
    private final boolean keyed;
    /** Per pathway cell id: [patients, cell key]; null when the query has no pathways. */
    private final TreeMap<String, long[]> nodes;
    private final TreeMap<String, long[]> links;
    /** The cohort's patient ids; null when not kept. */
    private final TreeSet<String> ids;

    private CohortPartial(long[] attrition, int[] attritionKeys, boolean keyed, TreeMap<String, long[]> nodes,
                          TreeMap<String, long[]> links, TreeSet<String> ids) {
        this.attrition = attrition;
        this.attritionKeys = attritionKeys;
        this.keyed = keyed;
        this.nodes = nodes;
        this.links = links;
        this.ids = ids;
    }

    /**
     * The partial the engine drew from one evaluation (for the journeys engine; others evaluate
     * with {@link #evaluate}).
     *
     * @param attrition raw patients after each step
     * @param attritionKeys the cell key of each step (zeros when not keyed)
     * @param keyed whether the cell keys were computed (the evaluation was for a cell-key release)
     * @param nodes per pathway node id, [patients, cell key]; empty: the query has no pathways
     * @param links per pathway link id ({@code source NUL target}), [patients, cell key]
     * @param ids the cohort's patient ids, if kept
     */
    public static CohortPartial of(long[] attrition, int[] attritionKeys, boolean keyed,
                                   Optional<Map<String, long[]>> nodes, Optional<Map<String, long[]>> links,
                                   Optional<Collection<String>> ids) {
        return new CohortPartial(attrition.clone(), attritionKeys.clone(), keyed,
                nodes.map(CohortPartial::copy).orElse(null), links.map(CohortPartial::copy).orElse(null),
                ids.map(TreeSet::new).orElse(null));
    }

    /**
     * Evaluates {@code query} over {@code patients} (a part of the population: whole patients, each
     * in one part only) with the journeys engine.
     *
     * @param cellKey the key of the cell-key perturbation the merged partial will be released with, if any
     * @param keepIds whether to keep the ids of the cohort's patients
     */
    public static CohortPartial evaluate(CohortQuery query, Collection<PatientJourney> patients, Optional<byte[]> cellKey,
                                         boolean keepIds) {
        TimelineIndex.Builder b = new TimelineIndex.Builder();
        patients.forEach(b::add);
        TimelineIndex x = b.build();
        BitSet population = query.projectCode().map(code -> x.positions(patients.stream()
                .filter(p -> p.projects().contains(code)).map(PatientJourney::id).toList())).orElse(null);
        Disclosure disclosure = cellKey.map(Disclosure::cellKey).orElse(Disclosure.exact());
        // A batch's index serves one evaluation: the patient sets of the candidate-driven evaluation
        // (one pass over every code) would cost about what reading every timeline costs.
        return new TimelineEngine(x, query, population, TimelineEngine.Evaluation.FULL_SCAN).run(Cancellation.none(), false)
                .partial(disclosure, keepIds);
    }

    /** The partial of no patient, for {@code query}. */
    public static CohortPartial empty(CohortQuery query, boolean keyed, boolean keepIds) {
        int steps = query.rules().size() + 1;
        boolean paths = query.pathways() != null;
        return new CohortPartial(new long[steps], new int[steps], keyed, paths ? new TreeMap<>() : null,
                paths ? new TreeMap<>() : null, keepIds ? new TreeSet<>() : null);
    }

    /** The partial of this partial's patients and {@code other}'s (disjoint sets of patients of the same query). */
    public CohortPartial merge(CohortPartial other) {
        if (other.attrition.length != attrition.length || other.keyed != keyed || (other.nodes == null) != (nodes == null)
                || (other.ids == null) != (ids == null)) {
            throw new JourneyException("partials of different cohort queries or evaluations cannot be merged");
        }
        long[] a = attrition.clone();
        int[] k = attritionKeys.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] += other.attrition[i];
            k[i] = (k[i] + other.attritionKeys[i]) & 0xff;
        }
        TreeSet<String> both = null;
        if (ids != null) {
            both = new TreeSet<>(ids);
            both.addAll(other.ids);
        }
        return new CohortPartial(a, k, keyed, mergeCells(nodes, other.nodes), mergeCells(links, other.links), both);
    }

    /** Raw (unsuppressed) patients after each step: index first, then each rule. */
    public long[] rawAttrition() {
        return attrition.clone();
    }

    /** The cohort's patients in id order, when the partial kept them. */
    public Optional<List<PatientId>> patientIds() {
        return Optional.ofNullable(ids).map(s -> s.stream().map(PatientId::new).toList());
    }

    /**
     * The aggregate result released under {@code disclosure}: suppressed below the query's threshold,
     * and perturbed by cell key when {@code disclosure} says so (the partial must then have been
     * evaluated with the same key).
     */
    public CohortResult release(CohortQuery query, Disclosure disclosure) {
        Disclosure.CellKey cellKey = disclosure instanceof Disclosure.CellKey c ? c : null;
        if (cellKey != null && !keyed) {
            throw new JourneyException("a cohort evaluated without record keys cannot be released with the cell-key perturbation");
        }
        int threshold = query.suppressBelow();
        List<AttritionStep> steps = new ArrayList<>();
        steps.add(new AttritionStep(0, "index event", release(cellKey, attrition[0], attritionKeys[0], threshold)));
        for (int k = 0; k < query.rules().size(); k++) {
            steps.add(new AttritionStep(k + 1, query.rules().get(k).label(),
                    release(cellKey, attrition[k + 1], attritionKeys[k + 1], threshold)));
        }
        Optional<Pathways> pathways = query.pathways() == null || nodes == null ? Optional.empty()
                : Optional.of(pathways(cellKey, threshold));
        // The cohort's count is its last attrition row: the same cell, released the same.
        return new CohortResult(steps.getLast().patients(), steps, pathways);
    }

    private Pathways pathways(Disclosure.CellKey cellKey, int threshold) {
        List<Pathways.Node> nodeList = new ArrayList<>();
        nodes.forEach((id, cell) -> {
            int colon = id.indexOf(':');
            nodeList.add(new Pathways.Node(id, Integer.parseInt(id.substring(0, colon)), id.substring(colon + 1),
                    release(cellKey, cell[0], (int) cell[1], threshold)));
        });
        List<Pathways.Link> linkList = new ArrayList<>();
        links.forEach((id, cell) -> {
            String[] parts = id.split("\u0000");
            linkList.add(new Pathways.Link(parts[0], parts[1], release(cellKey, cell[0], (int) cell[1], threshold)));
        });
        return new Pathways(nodeList, linkList);
    }

    private static SuppressedCount release(Disclosure.CellKey cellKey, long count, int key, int threshold) {
        return cellKey == null ? SuppressedCount.of(count, threshold) : cellKey.release(count, key, threshold);
    }

    private static TreeMap<String, long[]> copy(Map<String, long[]> cells) {
        TreeMap<String, long[]> out = new TreeMap<>();
        cells.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    private static TreeMap<String, long[]> mergeCells(TreeMap<String, long[]> a, TreeMap<String, long[]> b) {
        if (a == null) {
            return null;
        }
        TreeMap<String, long[]> out = copy(a);
        b.forEach((k, v) -> out.merge(k, v.clone(), (x, y) -> new long[] {x[0] + y[0], (x[1] + y[1]) & 0xff}));
        return out;
    }

    @Override
    public String toString() {
        // Raw counts stay out of logs: small ones are not suppressed yet.
        return "CohortPartial[" + attrition.length + " steps]";
    }
}

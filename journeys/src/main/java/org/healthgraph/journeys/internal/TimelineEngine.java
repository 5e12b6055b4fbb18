package org.healthgraph.journeys.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.healthgraph.journeys.Cancellation;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.Condition;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.IndexEvent;
import org.healthgraph.journeys.InclusionRule;
import org.healthgraph.journeys.MatchedEvent;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a cohort query over a {@link TimelineIndex}, in chunks of patients (in parallel, or on
 * the calling thread only), stopping between chunks when cancelled. For each
 * patient it finds the candidate index events and, for each, how many rules in a row it satisfies;
 * the patient's level is the best of them (-1 when it has no index event).
 */
public final class TimelineEngine {

    /** Patients evaluated between two looks at the cancellation: well under a millisecond of work for usual timelines. */
    static final int CHUNK = 256;

    /**
     * Fewest patients to read spread over the pool: below it the hand-over to the pool's threads
     * (several milliseconds on a busy machine) costs more than reading the timelines on this thread.
     */
    static final int PARALLEL_MIN = 16 * CHUNK;

    /** What {@code evaluate} says of a patient without an index event: level -1. */
    private static final long OUT = -1L << 32;

    private final TimelineIndex x;
    private final CohortQuery query;
    private final CompiledCriterion index;
    private final Map<EventCriterion, CompiledCriterion> criteria = new IdentityHashMap<>();
    private final Map<String, Integer> slots = new HashMap<>();
    /** Looked at between chunks of patients and before each candidate index event (one patient may be seconds of work). */
    private Cancellation cancellation = Cancellation.none();

    /** The patients (index positions) the query is about; null: every patient. */
    private final BitSet population;
    private final Evaluation evaluation;

    /**
     * Which patients' timelines are read. A patient none of whose events has a code and a type the
     * index event asks for has no index event, so is out of the cohort (level -1) whatever the rules:
     * reading only the candidates gives the same outcome as reading everyone.
     */
    public enum Evaluation {
        /** Only the patients the index event's code and type sets hold ({@link PatientSets}). */
        CANDIDATES,
        /** Every patient (the reference the candidate-driven evaluation is checked against). */
        FULL_SCAN
    }

    public TimelineEngine(TimelineIndex index, CohortQuery query) {
        this(index, query, null);
    }

    /**
     * An engine over the patients of {@code population} only (positions in the index; a project's
     * patients, say); null: every patient. Others are out of the cohort as if they had no index event.
     */
    public TimelineEngine(TimelineIndex index, CohortQuery query, BitSet population) {
        this(index, query, population, Evaluation.CANDIDATES);
    }

    /** An engine over {@code population} (null: every patient) reading the timelines {@code evaluation} says. */
    public TimelineEngine(TimelineIndex index, CohortQuery query, BitSet population, Evaluation evaluation) {
        this.x = index;
        this.query = query;
        this.population = population;
        this.evaluation = evaluation;
        this.index = new CompiledCriterion(query.index().event(), index);
        for (InclusionRule rule : query.rules()) {
            compile(rule.condition());
            if (!rule.condition().isGroup() && rule.condition().name() != null) {
                slots.put(rule.condition().name(), slots.size());
            }
        }
    }

    private void compile(Condition c) {
        if (c.isGroup()) {
            c.conditions().forEach(this::compile);
        } else {
            criteria.put(c.event(), new CompiledCriterion(c.event(), x));
        }
    }

    /** The outcome for every patient of the index (in index order), in parallel on the common pool, never cancelled. */
    public Outcome run() {
        return run(Cancellation.none(), true);
    }

    /**
     * The outcome for every patient of the index (in index order), looking at {@code cancellation}
     * before each chunk of {@value #CHUNK} patients: a cancelled evaluation stops within one chunk.
     *
     * @param parallel spread the chunks over the common fork-join pool; false: on the calling thread only
     * @throws org.healthgraph.journeys.JourneyException (unavailable) when cancelled
     */
    public Outcome run(Cancellation cancellation, boolean parallel) {
        this.cancellation = cancellation;
        int n = x.patientCount();
        // Everyone outside the candidates has no index event: out (level -1), as evaluate says of such
        // a patient. Only the candidates get a level, so that a query's work and memory follow them,
        // not the population.
        int[] todo = evaluation == Evaluation.CANDIDATES ? index.candidates(x).map(RoaringBitmap::toArray).orElse(null) : null;
        int count = todo == null ? n : todo.length;
        int[] level = new int[count];
        int[] chosen = new int[count];
        int[] cap = evaluation == Evaluation.CANDIDATES ? ruleCaps(todo, n) : null;
        int rules = query.rules().size();
        IntStream chunks = IntStream.range(0, (count + CHUNK - 1) / CHUNK);
        (parallel && count >= PARALLEL_MIN ? chunks.parallel() : chunks).forEach(c -> {
            cancellation.check();
            for (int i = c * CHUNK, end = Math.min(count, i + CHUNK); i < end; i++) {
                int p = todo == null ? i : todo[i];
                long r = population != null && !population.get(p) ? OUT : evaluate(p, null, cap == null ? rules : cap[i]);
                level[i] = (int) (r >> 32);
                chosen[i] = (int) r;
            }
        });
        cancellation.check();
        return new Outcome(x, query, todo, level, chosen, cancellation, parallel);
    }

    /** The index and named events the query matched for one patient, when it is in the cohort. */
    public Optional<List<MatchedEvent>> matchedEvents(String patientId) {
        return x.patient(patientId).filter(p -> population == null || population.get(p)).flatMap(p -> {
            int[] bound = new int[slots.size()];
            long r = evaluate(p, bound, query.rules().size());
            if ((int) (r >> 32) < query.rules().size()) {
                return Optional.empty();
            }
            List<MatchedEvent> out = new ArrayList<>();
            out.add(new MatchedEvent(Condition.INDEX, x.event((int) r)));
            slots.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(s -> out.add(new MatchedEvent(s.getKey(), x.event(bound[s.getValue()]))));
            return Optional.of(out);
        });
    }

    /**
     * For each patient read (the positions {@code todo}, in order; null: every one of the {@code n}
     * patients), how many rules in a row it may pass at most, from the rules' patient sets (null when
     * no rule bounds anyone): a patient outside the set of a rule that needs an event (its
     * {@link #mayHold} set) cannot pass it, so its level is below that rule's position whatever its
     * timeline. Its level may still be any below (0 when it has an index event: the attrition counts
     * it there), so its timeline is still read for the index event and the earlier rules, but never
     * past the cap. The work is proportional to the patients read, not to the population.
     */
    int[] ruleCaps(int[] todo, int n) {
        List<InclusionRule> rules = query.rules();
        int count = todo == null ? n : todo.length;
        int[] cap = null;
        for (int j = rules.size() - 1; j >= 0; j--) {
            Optional<RoaringBitmap> may = mayHold(rules.get(j).condition());
            if (may.isEmpty()) {
                continue;
            }
            if (cap == null) {
                cap = new int[count];
                Arrays.fill(cap, rules.size());
            }
            // From the last rule to the first, so that a patient ends with the first rule it cannot pass.
            RoaringBitmap set = may.get();
            for (int i = 0; i < count; i++) {
                if (!set.contains(todo == null ? i : todo[i])) {
                    cap[i] = j;
                }
            }
        }
        return cap;
    }

    /**
     * The patients who may satisfy condition {@code c} (a superset: windows, roles and counts are
     * checked on the timeline), or empty when anyone may (a condition that holds without any matching
     * event: NONE, AT_MOST, a count of 0, a criterion with neither code nor type).
     */
    Optional<RoaringBitmap> mayHold(Condition c) {
        if (!c.isGroup()) {
            boolean needsAnEvent = (c.count() == Condition.Count.AT_LEAST || c.count() == Condition.Count.EXACTLY)
                    && c.times() > 0;
            return needsAnEvent ? criteria.get(c.event()).candidates(x) : Optional.empty();
        }
        List<Optional<RoaringBitmap>> inner = c.conditions().stream().map(this::mayHold).toList();
        if (c.group() == Condition.Group.ALL) {
            // Every condition must hold: the patients of every bounded one.
            RoaringBitmap out = null;
            for (Optional<RoaringBitmap> s : inner) {
                if (s.isPresent()) {
                    out = out == null ? s.get() : RoaringBitmap.and(out, s.get());
                }
            }
            return Optional.ofNullable(out);
        }
        // ANY is AT_LEAST 1. When fewer conditions than needed hold without an event, at least one
        // bounded condition must hold: the union of the bounded ones.
        int needed = c.group() == Condition.Group.ANY ? 1 : c.times();
        long unbounded = inner.stream().filter(Optional::isEmpty).count();
        if (needed <= 0 || unbounded >= needed) {
            return Optional.empty();
        }
        RoaringBitmap out = new RoaringBitmap();
        inner.forEach(s -> s.ifPresent(out::or));
        return Optional.of(out);
    }

    /**
     * Level in the high 32 bits, chosen index event (the first reaching that level) in the low ones;
     * {@code cap}: the patient's level cannot exceed it (see {@link #ruleCaps}), so no rule past it
     * is tried and the walk over index events stops at the first one reaching it.
     */
    private long evaluate(int p, int[] boundOut, int cap) {
        int from = x.eventOffset.get(p);
        int to = x.eventOffset.get(p + 1);
        IndexEvent ix = query.index();
        int best = -1;
        int bestEvent = -1;
        int[] bound = new int[slots.size()];
        int firstMatch = -1;
        int lastMatch = -1;
        boolean firstOnly = ix.occurrence() == IndexEvent.Occurrence.FIRST;
        for (int e = from; e < to; e++) {
            if (index.matches(x, p, e)) {
                if (firstMatch < 0) {
                    firstMatch = e;
                }
                lastMatch = e;
                if (firstOnly) {
                    break; // the first occurrence is the only candidate: the rest of the timeline is not needed
                }
            }
        }
        if (firstMatch < 0) {
            return OUT;
        }
        List<InclusionRule> rules = query.rules();
        for (int e = firstMatch; e <= lastMatch && best < cap; e++) {
            boolean candidate = switch (ix.occurrence()) {
                case FIRST -> e == firstMatch;
                case LAST -> e == lastMatch;
                case ALL -> index.matches(x, p, e);
            };
            if (!candidate || !passesIndexFilters(p, e, from, to)) {
                continue;
            }
            cancellation.check();
            int level = 0;
            while (level < cap && holds(rules.get(level).condition(), p, e, bound, true)) {
                level++;
            }
            if (level > best) {
                best = level;
                bestEvent = e;
                if (boundOut != null) {
                    System.arraycopy(bound, 0, boundOut, 0, bound.length);
                }
            }
        }
        return ((long) best << 32) | (bestEvent & 0xffffffffL);
    }

    private boolean passesIndexFilters(int p, int e, int from, int to) {
        IndexEvent ix = query.index();
        int s = x.start.get(e);
        if (ix.priorObservationDays() > 0 && x.start.get(from) > s - ix.priorObservationDays()) {
            return false;
        }
        if (ix.washoutDays() > 0) {
            for (int w = from; w < to && x.start.get(w) < s; w++) {
                if (w != e && x.start.get(w) >= s - ix.washoutDays() && index.matches(x, p, w)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean holds(Condition c, int p, int indexEvent, int[] bound, boolean topLevel) {
        if (c.isGroup()) {
            int ok = 0;
            for (Condition inner : c.conditions()) {
                if (holds(inner, p, indexEvent, bound, false)) {
                    ok++;
                }
            }
            return switch (c.group()) {
                case ALL -> ok == c.conditions().size();
                case ANY -> ok > 0;
                case AT_LEAST -> ok >= c.times();
            };
        }
        int a = Condition.INDEX.equals(c.anchor()) ? indexEvent : bound[slots.get(c.anchor())];
        CompiledCriterion crit = criteria.get(c.event());
        int aDay = c.anchorSide() == Condition.Side.START ? x.start.get(a) : x.end.get(a);
        int count = 0;
        int first = -1;
        boolean stopAtTimes = c.count() == Condition.Count.AT_LEAST;
        int from = x.eventOffset.get(p);
        int to = x.eventOffset.get(p + 1);
        for (int b = windowFrom(c, a, aDay, from, to), last = windowTo(c, a, aDay, from, to); b < last; b++) {
            if (!inWindow(c, a, aDay, b) || !crit.matches(x, p, b)) {
                continue;
            }
            if (first < 0) {
                first = b;
            }
            count++;
            if (stopAtTimes && count >= c.times()) {
                break;
            }
        }
        boolean ok = switch (c.count()) {
            case AT_LEAST -> count >= c.times();
            case AT_MOST -> count <= c.times();
            case EXACTLY -> count == c.times();
            case NONE -> count == 0;
        };
        if (ok && topLevel && c.name() != null) {
            bound[slots.get(c.name())] = first;
        }
        return ok;
    }

    /*
     * A patient's events are in timeline order, so by start day (and end >= start: TimelineIndexFile.check
     * and CareEvent hold both), and a window bounds the start days of the events it may hold: the walk
     * over a rule's events starts and stops there (found by binary search) instead of reading the whole
     * timeline. inWindow still decides each event, so the answer is the same.
     */

    /** The first event of [from, to) that may be in the window of {@code c} around anchor {@code a}. */
    private int windowFrom(Condition c, int a, int aDay, int from, int to) {
        if (c.sameStay()) {
            return firstStarting(from, to, x.start.get(a));
        }
        if (c.eventSide() != Condition.Side.START) {
            return from; // an event's end may be in the window though it started long before
        }
        if (c.direction() == Condition.Direction.AFTER) {
            return firstStarting(from, to, (long) aDay + c.minDays());
        }
        return c.maxDays() == null ? from : firstStarting(from, to, (long) aDay - c.maxDays());
    }

    /** The end (exclusive) of the events of [from, to) that may be in the window of {@code c} around anchor {@code a}. */
    private int windowTo(Condition c, int a, int aDay, int from, int to) {
        if (c.sameStay()) {
            return Math.max(a + 1, firstStarting(from, to, (long) x.end.get(a) + 1));
        }
        // The event's day (its start, or its end, which is not before its start) is at most this.
        long last = c.direction() == Condition.Direction.AFTER
                ? (c.maxDays() == null ? Long.MAX_VALUE : (long) aDay + c.maxDays())
                : (long) aDay - c.minDays();
        return last == Long.MAX_VALUE ? to : firstStarting(from, to, last + 1);
    }

    /** The first event of [from, to) starting on or after {@code day} ({@code to} when none). */
    private int firstStarting(int from, int to, long day) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x.start.get(mid) < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean inWindow(Condition c, int a, int aDay, int b) {
        if (c.sameStay()) {
            return b == a || x.start.get(b) >= x.start.get(a) && x.start.get(b) <= x.end.get(a);
        }
        if (b == a) {
            return false;
        }
        int bDay = c.eventSide() == Condition.Side.START ? x.start.get(b) : x.end.get(b);
        int gap = c.direction() == Condition.Direction.AFTER ? bDay - aDay : aDay - bDay;
        return gap >= c.minDays() && (c.maxDays() == null || gap <= c.maxDays());
    }
}

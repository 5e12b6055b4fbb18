package org.healthgraph.journeys.internal;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.GraphKeys;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;

/**
 * Every patient's timeline in flat arrays: patients sorted by id, their events in timeline order
 * (dates as epoch days, types as bytes), each event's codes as integers into a code dictionary with
 * their roles as bytes, and offsets from patient to events and from event to codes. Immutable;
 * {@link #replacing} gives a new index with some patients replaced. The arrays are primitive buffers:
 * on the heap for an index built here, memory-mapped from its saved file for one opened from it
 * ({@link TimelineIndexFile}), so that an opened index of millions of patients holds only its patient
 * ids and small objects on the heap and its pages are read by the OS as queries touch them.
 */
public final class TimelineIndex {

    static final int NO_DATE = Integer.MIN_VALUE;
    static final EventType[] TYPES = EventType.values();
    static final CodeRole[] ROLES = CodeRole.values();

    final String[] ids;
    final IntBuffer birth;
    final IntBuffer eventOffset;
    final IntBuffer start;
    final IntBuffer end;
    final ByteBuffer type;
    final IntBuffer quantity;
    final ShortBuffer source;
    final IntBuffer codeOffset;
    final IntBuffer code;
    final ByteBuffer role;
    final List<String> codeKeys;
    final List<String> sources;
    /** The record keys of the cell-key perturbation, made at first use (the index itself never changes). */
    private volatile RecordKeys recordKeys;
    /** The patients of each code and type, made at first use (the index itself never changes). */
    private volatile PatientSets patientSets;

    /** An index over these arrays, taken as they are (sorted ids, consistent offsets: see {@link TimelineIndexFile#check}). */
    TimelineIndex(String[] ids, int[] birth, int[] eventOffset, int[] start, int[] end, byte[] type, int[] quantity,
                  short[] source, int[] codeOffset, int[] code, byte[] role, List<String> codeKeys, List<String> sources) {
        this(ids, IntBuffer.wrap(birth), IntBuffer.wrap(eventOffset), IntBuffer.wrap(start), IntBuffer.wrap(end),
                ByteBuffer.wrap(type), IntBuffer.wrap(quantity), ShortBuffer.wrap(source), IntBuffer.wrap(codeOffset),
                IntBuffer.wrap(code), ByteBuffer.wrap(role), codeKeys, sources, null);
    }

    /**
     * An index over these buffers (positions 0, limits the counts), taken as they are; {@code sets}:
     * its patient sets when known (read with it from its file), else null (made at first use).
     */
    TimelineIndex(String[] ids, IntBuffer birth, IntBuffer eventOffset, IntBuffer start, IntBuffer end, ByteBuffer type,
                  IntBuffer quantity, ShortBuffer source, IntBuffer codeOffset, IntBuffer code, ByteBuffer role,
                  List<String> codeKeys, List<String> sources, PatientSets sets) {
        this.ids = ids;
        this.birth = birth;
        this.eventOffset = eventOffset;
        this.start = start;
        this.end = end;
        this.type = type;
        this.quantity = quantity;
        this.source = source;
        this.codeOffset = codeOffset;
        this.code = code;
        this.role = role;
        this.codeKeys = List.copyOf(codeKeys);
        this.sources = List.copyOf(sources);
        this.patientSets = sets;
    }

    private static TimelineIndex sorted(Builder b, Integer[] order) {
        int n = order.length;
        String[] ids = new String[n];
        int[] birth = new int[n];
        int[] eventOffset = new int[n + 1];
        int events = b.eventCount;
        int[] start = new int[events];
        int[] end = new int[events];
        byte[] type = new byte[events];
        int[] quantity = new int[events];
        short[] source = new short[events];
        int[] codeOffset = new int[events + 1];
        int[] code = new int[b.codeCount];
        byte[] role = new byte[b.codeCount];
        int e = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            int p = order[i];
            ids[i] = b.ids.get(p);
            birth[i] = b.birth[p];
            eventOffset[i] = e;
            for (int be = b.eventOffset[p]; be < b.eventOffset[p + 1]; be++) {
                start[e] = b.start[be];
                end[e] = b.end[be];
                type[e] = b.type[be];
                quantity[e] = b.quantity[be];
                source[e] = b.source[be];
                codeOffset[e] = c;
                int from = b.codeOffset[be];
                int to = b.codeOffset[be + 1];
                System.arraycopy(b.code, from, code, c, to - from);
                System.arraycopy(b.role, from, role, c, to - from);
                c += to - from;
                e++;
            }
        }
        eventOffset[n] = e;
        codeOffset[e] = c;
        return new TimelineIndex(ids, birth, eventOffset, start, end, type, quantity, source, codeOffset, code, role,
                b.codeKeys, b.sources);
    }

    /** An empty index. */
    public static TimelineIndex empty() {
        return new Builder().build();
    }

    public int patientCount() {
        return ids.length;
    }

    /** The sum over patients of their number of events squared: the work of a query trying every event as its index. */
    public long sumOfSquaredTimelines() {
        long sum = 0;
        for (int p = 0; p < ids.length; p++) {
            long n = eventOffset.get(p + 1) - eventOffset.get(p);
            sum += n * n;
        }
        return sum;
    }

    public int eventCount() {
        return start.limit();
    }

    /** Number of (event, code) pairs. */
    public int codeCount() {
        return code.limit();
    }

    /** Approximate bytes of the arrays (on the heap or mapped) and of the patient ids (on the heap). */
    public long sizeInBytes() {
        return (long) start.limit() * (4 + 4 + 1 + 4 + 2 + 4) + (long) code.limit() * 5 + (long) ids.length * 60;
    }

    /** This index with its arrays copied onto the heap (itself when they are there already); the patient sets are kept. */
    TimelineIndex onHeap() {
        if (!mapped()) {
            return this;
        }
        return new TimelineIndex(ids, IntBuffer.wrap(ints(birth)), IntBuffer.wrap(ints(eventOffset)), IntBuffer.wrap(ints(start)),
                IntBuffer.wrap(ints(end)), ByteBuffer.wrap(bytes(type)), IntBuffer.wrap(ints(quantity)),
                ShortBuffer.wrap(shorts(source)), IntBuffer.wrap(ints(codeOffset)), IntBuffer.wrap(ints(code)),
                ByteBuffer.wrap(bytes(role)), codeKeys, sources, patientSets);
    }

    private static int[] ints(IntBuffer b) {
        int[] out = new int[b.limit()];
        b.get(0, out);
        return out;
    }

    private static short[] shorts(ShortBuffer b) {
        short[] out = new short[b.limit()];
        b.get(0, out);
        return out;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.limit()];
        b.get(0, out);
        return out;
    }

    /** Whether the arrays are mapped from a file (else on the heap). */
    public boolean mapped() {
        return start.isDirect();
    }

    /** The position of a patient, by binary search over the sorted ids. */
    Optional<Integer> patient(String id) {
        int p = Arrays.binarySearch(ids, id);
        return p >= 0 ? Optional.of(p) : Optional.empty();
    }

    /** The positions of those of {@code patients} this index holds. */
    public BitSet positions(Iterable<PatientId> patients) {
        BitSet out = new BitSet(ids.length);
        for (PatientId id : patients) {
            int p = Arrays.binarySearch(ids, id.value());
            if (p >= 0) {
                out.set(p);
            }
        }
        return out;
    }

    /** The events of one patient, rebuilt as values. */
    public Optional<List<CareEvent>> events(PatientId id) {
        return patient(id.value()).map(p -> {
            List<CareEvent> out = new ArrayList<>();
            for (int e = eventOffset.get(p); e < eventOffset.get(p + 1); e++) {
                out.add(event(e));
            }
            return out;
        });
    }

    CareEvent event(int e) {
        List<EventCode> codes = new ArrayList<>();
        for (int c = codeOffset.get(e); c < codeOffset.get(e + 1); c++) {
            GraphKeys.Parts key = GraphKeys.split(codeKeys.get(code.get(c)), ':');
            codes.add(new EventCode(CodeSystem.parse(key.prefix()), key.value(), ROLES[role.get(c)]));
        }
        return new CareEvent(TYPES[type.get(e)], LocalDate.ofEpochDay(start.get(e)), LocalDate.ofEpochDay(end.get(e)),
                sources.get(source.get(e)), quantity.get(e), codes);
    }

    /**
     * A new index holding these patients in place of their former timelines (a patient listed twice:
     * as listed last), and every other patient unchanged. The unchanged patients are copied by runs
     * of whole array ranges and keep their code ids (the dictionary only grows), so replacing a few
     * thousand patients in an index of millions costs a few copies of its arrays.
     */
    public TimelineIndex replacing(Collection<PatientJourney> patients) {
        Map<String, PatientJourney> byId = new HashMap<>(patients.size() * 2);
        for (PatientJourney j : patients) {
            byId.put(j.id().value(), j);
        }
        List<PatientJourney> incoming = new ArrayList<>(byId.values());
        incoming.sort(java.util.Comparator.comparing(j -> j.id().value()));
        Dictionary codes = new Dictionary(codeKeys);
        Dictionary srcs = new Dictionary(sources);
        int patientsOut = ids.length;
        long eventsOut = start.limit();
        long codesOut = code.limit();
        for (PatientJourney j : incoming) {
            Optional<Integer> old = patient(j.id().value());
            if (old.isPresent()) {
                int p = old.get();
                patientsOut--;
                eventsOut -= eventOffset.get(p + 1) - eventOffset.get(p);
                codesOut -= codeOffset.get(eventOffset.get(p + 1)) - codeOffset.get(eventOffset.get(p));
            }
            patientsOut++;
            eventsOut += j.events().size();
            for (CareEvent ev : j.events()) {
                codesOut += ev.codes().size();
            }
        }
        Merge m = new Merge(patientsOut, Math.toIntExact(eventsOut), Math.toIntExact(codesOut));
        int p = 0;
        for (PatientJourney j : incoming) {
            String id = j.id().value();
            int next = lowerBound(id, p);
            m.copyRun(this, p, next);
            p = next < ids.length && ids[next].equals(id) ? next + 1 : next;
            m.add(j, codes, srcs);
        }
        m.copyRun(this, p, ids.length);
        return m.build(codes.keys, srcs.keys);
    }

    /** The first position at or after {@code from} whose id is not below {@code id}. */
    private int lowerBound(String id, int from) {
        int lo = from;
        int hi = ids.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ids[mid].compareTo(id) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A dictionary of strings that only grows: existing ids stay valid. */
    private static final class Dictionary {
        final List<String> keys;
        final Map<String, Integer> idOf;

        Dictionary(List<String> existing) {
            keys = new ArrayList<>(existing);
            idOf = new HashMap<>(existing.size() * 2);
            for (int i = 0; i < existing.size(); i++) {
                idOf.put(existing.get(i), i);
            }
        }

        int id(String key) {
            return idOf.computeIfAbsent(key, k -> {
                keys.add(k);
                return keys.size() - 1;
            });
        }
    }

    /** The arrays of a new index, filled in id order by runs of an old index and new patients. */
    private static final class Merge {
        final String[] ids;
        final int[] birth;
        final int[] eventOffset;
        final int[] start;
        final int[] end;
        final byte[] type;
        final int[] quantity;
        final short[] source;
        final int[] codeOffset;
        final int[] code;
        final byte[] role;
        int p;
        int e;
        int c;

        Merge(int patients, int events, int codes) {
            ids = new String[patients];
            birth = new int[patients];
            eventOffset = new int[patients + 1];
            start = new int[events];
            end = new int[events];
            type = new byte[events];
            quantity = new int[events];
            source = new short[events];
            codeOffset = new int[events + 1];
            code = new int[codes];
            role = new byte[codes];
        }

        /** Copies the old index's patients {@code [from, to)} with their events and codes. */
        void copyRun(TimelineIndex x, int from, int to) {
            if (from >= to) {
                return;
            }
            int n = to - from;
            System.arraycopy(x.ids, from, ids, p, n);
            x.birth.get(from, birth, p, n);
            int e0 = x.eventOffset.get(from);
            int e1 = x.eventOffset.get(to);
            for (int i = 0; i < n; i++) {
                eventOffset[p + i] = x.eventOffset.get(from + i) - e0 + e;
            }
            int ne = e1 - e0;
            x.start.get(e0, start, e, ne);
            x.end.get(e0, end, e, ne);
            x.type.get(e0, type, e, ne);
            x.quantity.get(e0, quantity, e, ne);
            x.source.get(e0, source, e, ne);
            int c0 = x.codeOffset.get(e0);
            int c1 = x.codeOffset.get(e1);
            for (int i = 0; i < ne; i++) {
                codeOffset[e + i] = x.codeOffset.get(e0 + i) - c0 + c;
            }
            x.code.get(c0, code, c, c1 - c0);
            x.role.get(c0, role, c, c1 - c0);
            p += n;
            e += ne;
            c += c1 - c0;
        }

        void add(PatientJourney j, Dictionary codes, Dictionary sources) {
            ids[p] = j.id().value();
            birth[p] = j.birthDate().map(d -> (int) d.toEpochDay()).orElse(NO_DATE);
            eventOffset[p] = e;
            for (CareEvent ev : j.events()) {
                start[e] = (int) ev.start().toEpochDay();
                end[e] = (int) ev.end().toEpochDay();
                type[e] = (byte) ev.type().ordinal();
                quantity[e] = ev.quantity();
                source[e] = (short) sources.id(ev.source());
                codeOffset[e] = c;
                for (EventCode ec : ev.codes()) {
                    code[c] = codes.id(ec.key());
                    role[c] = (byte) ec.role().ordinal();
                    c++;
                }
                e++;
            }
            p++;
        }

        TimelineIndex build(List<String> codeKeys, List<String> sources) {
            eventOffset[p] = e;
            codeOffset[e] = c;
            return new TimelineIndex(ids, birth, eventOffset, start, end, type, quantity, source, codeOffset, code, role,
                    codeKeys, sources);
        }
    }

    /** Appends patients, then builds an index sorted by patient id. Not thread-safe. */
    public static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private int[] birth = new int[1024];
        private int[] eventOffset = new int[1025];
        private int[] start = new int[8192];
        private int[] end = new int[8192];
        private byte[] type = new byte[8192];
        private int[] quantity = new int[8192];
        private short[] source = new short[8192];
        private int[] codeOffset = new int[8193];
        private int[] code = new int[16384];
        private byte[] role = new byte[16384];
        private int eventCount;
        private int codeCount;
        private final List<String> codeKeys = new ArrayList<>();
        private final Map<String, Integer> codeIds = new HashMap<>();
        private final List<String> sources = new ArrayList<>();
        private final Map<String, Integer> sourceIds = new HashMap<>();

        /** Adds one patient; its events must already be in timeline order (as {@link PatientJourney} keeps them). */
        public Builder add(PatientJourney j) {
            int p = beginPatient(j.id().value(), j.birthDate().map(d -> (int) d.toEpochDay()).orElse(NO_DATE));
            for (CareEvent ev : j.events()) {
                beginEvent((int) ev.start().toEpochDay(), (int) ev.end().toEpochDay(), (byte) ev.type().ordinal(),
                        ev.quantity(), ev.source());
                for (EventCode c : ev.codes()) {
                    addCode(c.key(), (byte) c.role().ordinal());
                }
            }
            endPatient(p);
            return this;
        }

        private int beginPatient(String id, int birthDay) {
            int p = ids.size();
            ids.add(id);
            if (p + 1 >= birth.length) {
                birth = Arrays.copyOf(birth, birth.length * 2);
                eventOffset = Arrays.copyOf(eventOffset, birth.length + 1);
            }
            birth[p] = birthDay;
            eventOffset[p] = eventCount;
            return p;
        }

        private void endPatient(int p) {
            eventOffset[p + 1] = eventCount;
        }

        private void beginEvent(int s, int e, byte t, int qty, String src) {
            if (eventCount + 2 > start.length) {
                int size = start.length * 2;
                start = Arrays.copyOf(start, size);
                end = Arrays.copyOf(end, size);
                type = Arrays.copyOf(type, size);
                quantity = Arrays.copyOf(quantity, size);
                source = Arrays.copyOf(source, size);
                codeOffset = Arrays.copyOf(codeOffset, size + 1);
            }
            start[eventCount] = s;
            end[eventCount] = e;
            type[eventCount] = t;
            quantity[eventCount] = qty;
            source[eventCount] = (short) (int) sourceIds.computeIfAbsent(src, k -> {
                sources.add(k);
                return sources.size() - 1;
            });
            codeOffset[eventCount] = codeCount;
            eventCount++;
            codeOffset[eventCount] = codeCount;
        }

        private void addCode(String key, byte r) {
            if (codeCount + 1 > code.length) {
                code = Arrays.copyOf(code, code.length * 2);
                role = Arrays.copyOf(role, role.length * 2);
            }
            code[codeCount] = codeIds.computeIfAbsent(key, k -> {
                codeKeys.add(k);
                return codeKeys.size() - 1;
            });
            role[codeCount] = r;
            codeCount++;
            codeOffset[eventCount] = codeCount;
        }

        public TimelineIndex build() {
            if (inIdOrder()) {
                return trimmed();
            }
            Integer[] order = new Integer[ids.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> ids.get(a).compareTo(ids.get(b)));
            return sorted(this, order);
        }

        private boolean inIdOrder() {
            for (int i = 1; i < ids.size(); i++) {
                if (ids.get(i - 1).compareTo(ids.get(i)) >= 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The index of patients added in id order (a population generated or read in order): the
         * arrays cut to their lengths one at a time, each dropped from this builder as soon as it is
         * copied, so that building needs at most one array more than the builder holds (not a second
         * copy of them all). The builder cannot be used afterwards (an index is built once).
         */
        private TimelineIndex trimmed() {
            int n = ids.size();
            String[] sortedIds = ids.toArray(String[]::new);
            ids.clear();
            int[] b = Arrays.copyOf(birth, n);
            birth = null;
            int[] eo = Arrays.copyOf(eventOffset, n + 1);
            eventOffset = null;
            int[] s = Arrays.copyOf(start, eventCount);
            start = null;
            int[] e = Arrays.copyOf(end, eventCount);
            end = null;
            byte[] t = Arrays.copyOf(type, eventCount);
            type = null;
            int[] q = Arrays.copyOf(quantity, eventCount);
            quantity = null;
            short[] src = Arrays.copyOf(source, eventCount);
            source = null;
            int[] co = Arrays.copyOf(codeOffset, eventCount + 1);
            codeOffset = null;
            int[] c = Arrays.copyOf(code, codeCount);
            code = null;
            byte[] r = Arrays.copyOf(role, codeCount);
            role = null;
            return new TimelineIndex(sortedIds, b, eo, s, e, t, q, src, co, c, r, codeKeys, sources);
        }
    }

    /**
     * Makes the patient sets of the candidate-driven evaluation now (else the first query makes them),
     * so that an index being opened is ready for queries when it is announced.
     *
     * @return the sets' size in bytes
     */
    public long prepareCandidates() {
        return patientSets().bytes();
    }

    /** The patients of each code and event type, made once (one pass over the codes) and kept. */
    PatientSets patientSets() {
        PatientSets sets = patientSets;
        if (sets == null) {
            synchronized (this) {
                sets = patientSets;
                if (sets == null) {
                    sets = PatientSets.of(this);
                    patientSets = sets;
                }
            }
        }
        return sets;
    }

    /** The record keys of this index's patients under {@code key}, made once and kept. */
    RecordKeys recordKeys(byte[] key) {
        RecordKeys keys = recordKeys;
        if (keys == null || !keys.madeWith(key)) {
            keys = RecordKeys.of(key, ids);
            recordKeys = keys;
        }
        return keys;
    }
}

package org.healthgraph.journeys.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * {@link #replacing} gives a new index with some patients replaced.
 */
public final class TimelineIndex {

    static final int NO_DATE = Integer.MIN_VALUE;
    private static final EventType[] TYPES = EventType.values();
    private static final CodeRole[] ROLES = CodeRole.values();

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
    final List<String> codeKeys;
    final List<String> sources;
    private final Map<String, Integer> patientIndex;

    private TimelineIndex(Builder b, Integer[] order) {
        int n = order.length;
        ids = new String[n];
        birth = new int[n];
        eventOffset = new int[n + 1];
        int events = b.eventCount;
        start = new int[events];
        end = new int[events];
        type = new byte[events];
        quantity = new int[events];
        source = new short[events];
        codeOffset = new int[events + 1];
        code = new int[b.codeCount];
        role = new byte[b.codeCount];
        patientIndex = new HashMap<>(Math.max(16, n * 2));
        int e = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            int p = order[i];
            ids[i] = b.ids.get(p);
            birth[i] = b.birth[p];
            patientIndex.put(ids[i], i);
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
        codeKeys = List.copyOf(b.codeKeys);
        sources = List.copyOf(b.sources);
    }

    /** An empty index. */
    public static TimelineIndex empty() {
        return new Builder().build();
    }

    public int patientCount() {
        return ids.length;
    }

    public int eventCount() {
        return start.length;
    }

    /** Approximate heap bytes of the arrays. */
    public long sizeInBytes() {
        return (long) start.length * (4 + 4 + 1 + 4 + 2 + 4) + (long) code.length * 5 + (long) ids.length * 60;
    }

    Optional<Integer> patient(String id) {
        return Optional.ofNullable(patientIndex.get(id));
    }

    /** The events of one patient, rebuilt as values. */
    public Optional<List<CareEvent>> events(PatientId id) {
        return patient(id.value()).map(p -> {
            List<CareEvent> out = new ArrayList<>();
            for (int e = eventOffset[p]; e < eventOffset[p + 1]; e++) {
                out.add(event(e));
            }
            return out;
        });
    }

    CareEvent event(int e) {
        List<EventCode> codes = new ArrayList<>();
        for (int c = codeOffset[e]; c < codeOffset[e + 1]; c++) {
            GraphKeys.Parts key = GraphKeys.split(codeKeys.get(code[c]), ':');
            codes.add(new EventCode(CodeSystem.parse(key.prefix()), key.value(), ROLES[role[c]]));
        }
        return new CareEvent(TYPES[type[e]], LocalDate.ofEpochDay(start[e]), LocalDate.ofEpochDay(end[e]),
                sources.get(source[e]), quantity[e], codes);
    }

    /** A new index holding these patients in place of their former timelines, and every other patient unchanged. */
    public TimelineIndex replacing(Collection<PatientJourney> patients) {
        Set<String> replaced = new HashSet<>();
        Builder b = new Builder();
        for (PatientJourney j : patients) {
            if (replaced.add(j.id().value())) {
                b.add(j);
            }
        }
        for (int p = 0; p < ids.length; p++) {
            if (!replaced.contains(ids[p])) {
                b.copyFrom(this, p);
            }
        }
        return b.build();
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

        void copyFrom(TimelineIndex x, int p) {
            int q = beginPatient(x.ids[p], x.birth[p]);
            for (int e = x.eventOffset[p]; e < x.eventOffset[p + 1]; e++) {
                beginEvent(x.start[e], x.end[e], x.type[e], x.quantity[e], x.sources.get(x.source[e]));
                for (int c = x.codeOffset[e]; c < x.codeOffset[e + 1]; c++) {
                    addCode(x.codeKeys.get(x.code[c]), x.role[c]);
                }
            }
            endPatient(q);
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
            Integer[] order = new Integer[ids.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> ids.get(a).compareTo(ids.get(b)));
            return new TimelineIndex(this, order);
        }
    }
}

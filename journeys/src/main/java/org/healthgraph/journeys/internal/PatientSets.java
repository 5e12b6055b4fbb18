package org.healthgraph.journeys.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.BufferFastAggregation;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * For each code of a {@link TimelineIndex}'s dictionary and each event type, the compressed set of
 * the patients (index positions) who have an event with it: what a criterion's candidates are made
 * of before any timeline is read. Made from the index's arrays in one pass over its codes, or read
 * from the index's saved file, where they are kept in Roaring's portable format and used in place
 * (memory-mapped: opening reads only each set's small header).
 */
final class PatientSets {

    private final ImmutableRoaringBitmap[] byCode;
    private final ImmutableRoaringBitmap[] byType;

    private PatientSets(ImmutableRoaringBitmap[] byCode, ImmutableRoaringBitmap[] byType) {
        this.byCode = byCode;
        this.byType = byType;
    }

    static PatientSets of(TimelineIndex x) {
        RoaringBitmap[] byCode = new RoaringBitmap[x.codeKeys.size()];
        RoaringBitmap[] byType = new RoaringBitmap[TimelineIndex.TYPES.length];
        for (int i = 0; i < byCode.length; i++) {
            byCode[i] = new RoaringBitmap();
        }
        for (int i = 0; i < byType.length; i++) {
            byType[i] = new RoaringBitmap();
        }
        int n = x.patientCount();
        // Patients come in increasing order, so each add is an append (the fast path of a Roaring bitmap).
        for (int p = 0; p < n; p++) {
            for (int e = x.eventOffset.get(p); e < x.eventOffset.get(p + 1); e++) {
                byType[x.type.get(e)].add(p);
                for (int c = x.codeOffset.get(e); c < x.codeOffset.get(e + 1); c++) {
                    byCode[x.code.get(c)].add(p);
                }
            }
        }
        return new PatientSets(immutable(byCode), immutable(byType));
    }

    private static ImmutableRoaringBitmap[] immutable(RoaringBitmap[] sets) {
        ImmutableRoaringBitmap[] out = new ImmutableRoaringBitmap[sets.length];
        for (int i = 0; i < sets.length; i++) {
            sets[i].runOptimize();
            out[i] = sets[i].toMutableRoaringBitmap();
        }
        return out;
    }

    /**
     * Sets saved by {@link #serialized}: {@code offsets} has one more entry than there are sets (codes
     * then types), into {@code bytes}, which are used in place.
     *
     * @throws TimelineIndexFile.Unusable when the offsets or a set's header are inconsistent
     */
    static PatientSets read(int codes, int[] offsets, ByteBuffer bytes) throws TimelineIndexFile.Unusable {
        int types = TimelineIndex.TYPES.length;
        if (offsets.length != codes + types + 1 || offsets[0] != 0 || offsets[offsets.length - 1] != bytes.limit()) {
            throw new TimelineIndexFile.Unusable("its patient sets do not match its code dictionary");
        }
        ImmutableRoaringBitmap[] all = new ImmutableRoaringBitmap[codes + types];
        for (int i = 0; i < all.length; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new TimelineIndexFile.Unusable("its patient sets' offsets are inconsistent");
            }
            try {
                all[i] = new ImmutableRoaringBitmap(bytes.slice(offsets[i], offsets[i + 1] - offsets[i]));
            } catch (RuntimeException e) {
                throw new TimelineIndexFile.Unusable("a patient set is inconsistent");
            }
            if (all[i].serializedSizeInBytes() != offsets[i + 1] - offsets[i]) {
                throw new TimelineIndexFile.Unusable("a patient set's length does not match its offsets");
            }
        }
        ImmutableRoaringBitmap[] byCode = new ImmutableRoaringBitmap[codes];
        ImmutableRoaringBitmap[] byType = new ImmutableRoaringBitmap[types];
        System.arraycopy(all, 0, byCode, 0, codes);
        System.arraycopy(all, codes, byType, 0, types);
        return new PatientSets(byCode, byType);
    }

    /** The sets, codes then types, each in Roaring's portable format, as {@link #read} takes them. */
    List<ImmutableRoaringBitmap> serialized() {
        List<ImmutableRoaringBitmap> out = new ArrayList<>(byCode.length + byType.length);
        out.addAll(List.of(byCode));
        out.addAll(List.of(byType));
        return out;
    }

    /** The patients with an event holding one of the codes {@code ok} says yes to (by position in the dictionary). */
    RoaringBitmap withAnyCode(boolean[] ok) {
        List<ImmutableRoaringBitmap> sets = new ArrayList<>();
        for (int i = 0; i < ok.length; i++) {
            if (ok[i]) {
                sets.add(byCode[i]);
            }
        }
        return union(sets);
    }

    /** The patients with an event of one of the types of {@code typeMask} (bit i: the type of ordinal i). */
    RoaringBitmap withAnyType(int typeMask) {
        List<ImmutableRoaringBitmap> sets = new ArrayList<>();
        for (int t = 0; t < byType.length; t++) {
            if ((typeMask & (1 << t)) != 0) {
                sets.add(byType[t]);
            }
        }
        return union(sets);
    }

    private static RoaringBitmap union(List<ImmutableRoaringBitmap> sets) {
        if (sets.isEmpty()) {
            return new RoaringBitmap();
        }
        return BufferFastAggregation.or(sets.iterator()).toRoaringBitmap();
    }

    /** The bytes the sets take (their serialised size). */
    long bytes() {
        long total = 0;
        for (ImmutableRoaringBitmap b : byCode) {
            total += b.serializedSizeInBytes();
        }
        for (ImmutableRoaringBitmap b : byType) {
            total += b.serializedSizeInBytes();
        }
        return total;
    }
}

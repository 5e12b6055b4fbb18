package org.healthgraph.journeys.internal;

import org.roaringbitmap.RoaringBitmap;

/**
 * For each code of a {@link TimelineIndex}'s dictionary and each event type, the compressed set of
 * the patients (index positions) who have an event with it: what a criterion's candidates are made
 * of before any timeline is read. Made from the index's arrays in one pass over its codes.
 */
final class PatientSets {

    private final RoaringBitmap[] byCode;
    private final RoaringBitmap[] byType;

    private PatientSets(RoaringBitmap[] byCode, RoaringBitmap[] byType) {
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
            for (int e = x.eventOffset[p]; e < x.eventOffset[p + 1]; e++) {
                byType[x.type[e]].add(p);
                for (int c = x.codeOffset[e]; c < x.codeOffset[e + 1]; c++) {
                    byCode[x.code[c]].add(p);
                }
            }
        }
        for (RoaringBitmap b : byCode) {
            b.runOptimize();
        }
        for (RoaringBitmap b : byType) {
            b.runOptimize();
        }
        return new PatientSets(byCode, byType);
    }

    /** The patients with an event holding code {@code code} (its position in the dictionary); never modify it. */
    RoaringBitmap withCode(int code) {
        return byCode[code];
    }

    /** The patients with an event of type {@code type} (its ordinal); never modify it. */
    RoaringBitmap withType(int type) {
        return byType[type];
    }

    /** The bytes the sets take in memory (serialised size, close to it). */
    long bytes() {
        long total = 0;
        for (RoaringBitmap b : byCode) {
            total += b.getSizeInBytes();
        }
        for (RoaringBitmap b : byType) {
            total += b.getSizeInBytes();
        }
        return total;
    }
}

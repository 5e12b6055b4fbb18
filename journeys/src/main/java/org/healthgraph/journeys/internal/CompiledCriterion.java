package org.healthgraph.journeys.internal;

import java.time.LocalDate;
import java.util.Optional;

import org.healthgraph.journeys.CodePattern;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.roaringbitmap.RoaringBitmap;

/** An event criterion resolved against one index: type and role bit masks, codes as a boolean table. */
final class CompiledCriterion {

    private final int typeMask;
    private final int roleMask;
    private final boolean[] codeOk;
    private final boolean anyCode;
    private final Integer minAge;
    private final Integer maxAge;

    CompiledCriterion(EventCriterion c, TimelineIndex x) {
        int t = 0;
        for (EventType type : c.types()) {
            t |= 1 << type.ordinal();
        }
        typeMask = c.types().isEmpty() ? -1 : t;
        int r = 0;
        for (CodeRole role : c.roles()) {
            r |= 1 << role.ordinal();
        }
        roleMask = c.roles().isEmpty() ? -1 : r;
        anyCode = c.codes().isEmpty();
        codeOk = new boolean[x.codeKeys.size()];
        for (int i = 0; i < codeOk.length; i++) {
            String key = x.codeKeys.get(i);
            for (CodePattern p : c.codes()) {
                if (key.startsWith(p.keyPrefix())) {
                    codeOk[i] = true;
                    break;
                }
            }
        }
        minAge = c.minAge();
        maxAge = c.maxAge();
    }

    /**
     * The patients that may have an event matching this criterion: those with one of its codes (any
     * code when it names none) and an event of one of its types (any when it names none); a superset
     * (roles and ages are checked on the timeline), or empty when it would be every patient.
     */
    Optional<RoaringBitmap> candidates(TimelineIndex x) {
        if (anyCode && typeMask == -1) {
            return Optional.empty();
        }
        PatientSets sets = x.patientSets();
        RoaringBitmap out = anyCode ? null : sets.withAnyCode(codeOk);
        if (typeMask != -1) {
            RoaringBitmap types = sets.withAnyType(typeMask);
            out = out == null ? types : RoaringBitmap.and(out, types);
        }
        return Optional.of(out);
    }

    boolean matches(TimelineIndex x, int patient, int e) {
        if ((typeMask & (1 << x.type.get(e))) == 0) {
            return false;
        }
        if (!anyCode || roleMask != -1) {
            boolean found = false;
            for (int c = x.codeOffset.get(e); c < x.codeOffset.get(e + 1) && !found; c++) {
                found = (anyCode || codeOk[x.code.get(c)]) && (roleMask & (1 << x.role.get(c))) != 0;
            }
            if (!found) {
                return false;
            }
        }
        if (minAge != null || maxAge != null) {
            int b = x.birth.get(patient);
            if (b == TimelineIndex.NO_DATE) {
                return false;
            }
            LocalDate birth = LocalDate.ofEpochDay(b);
            if (minAge != null && x.start.get(e) < birth.plusYears(minAge).toEpochDay()) {
                return false;
            }
            return maxAge == null || x.start.get(e) < birth.plusYears(maxAge + 1L).toEpochDay();
        }
        return true;
    }
}

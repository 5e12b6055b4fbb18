package org.healthgraph.graphql.access;

import java.util.Objects;
import java.util.Optional;

import org.healthgraph.journeys.Disclosure;
import org.healthgraph.journeys.ProjectCode;

/**
 * How aggregate counts are released to a caller: callers without patient-level access to the
 * cohort's patients (ANALYST and a grant of the query's project, or of every project) get the
 * {@code restricted} release (cell-key perturbation by default) and may not ask for a suppression
 * threshold under {@code floor}; callers with patient-level access get exact counts and may lower
 * the threshold, which is audited.
 *
 * @param floor      lowest {@code suppressBelow} for callers without patient-level access
 *                   ({@code healthgraph.security.suppression-floor})
 * @param restricted the release for callers without patient-level access ({@code healthgraph.security.disclosure})
 */
public record DisclosurePolicy(int floor, Disclosure restricted) {

    /** The setting named in refusals. */
    public static final String FLOOR_SETTING = "healthgraph.security.suppression-floor";

    public DisclosurePolicy {
        if (floor < 1) {
            throw new IllegalArgumentException(FLOOR_SETTING + " must be at least 1, got " + floor);
        }
        Objects.requireNonNull(restricted, "restricted");
    }

    /** The release for {@code caller} of a cohort over the patients of {@code scope} (empty: every patient). */
    public Disclosure disclosureFor(Caller caller, Optional<ProjectCode> scope) {
        return caller.patientData(scope) ? Disclosure.exact() : restricted;
    }
}

package org.healthgraph.graph.audit;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One thing to record, before the trail gives it a sequence number, a time and its chain hash.
 *
 * @param actor    who: a user name, {@code token:<first 12 hex digits of its SHA-256>}, {@code anonymous}
 *                 or {@code cli:<operating system user>}; never a secret
 * @param action   what kind of act
 * @param target   what it was about: a field ({@code Query.journeyPatient}), a command, a setting
 * @param patients how many patients it concerned, when it concerned some (never their ids)
 * @param outcome  {@code ALLOWED}, {@code REFUSED} or {@code FAILED}
 * @param detail   free text for the reader of the trail (a cohort query, the rule a refusal applied);
 *                 cut to {@link #MAX_DETAIL} characters; never patient-level data
 */
public record AuditEvent(String actor, AuditAction action, String target, OptionalLong patients, Outcome outcome,
                         String detail) {

    /** Longest detail kept. */
    public static final int MAX_DETAIL = 4_000;

    /** How the act ended. */
    public enum Outcome { ALLOWED, REFUSED, FAILED }

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(patients, "patients");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    }

    /** An allowed act concerning {@code patients} patients. */
    public static AuditEvent allowed(String actor, AuditAction action, String target, long patients, String detail) {
        return new AuditEvent(actor, action, target, OptionalLong.of(patients), Outcome.ALLOWED, detail);
    }

    /** A refused act. */
    public static AuditEvent refused(String actor, AuditAction action, String target, String detail) {
        return new AuditEvent(actor, action, target, OptionalLong.empty(), Outcome.REFUSED, detail);
    }
}

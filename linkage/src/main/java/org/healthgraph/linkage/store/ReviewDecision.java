package org.healthgraph.linkage.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.healthgraph.linkage.match.LinkageException;

/**
 * A steward's decision on a pair of a run (a {@code ReviewDecision} node). Decisions are never
 * overwritten: the latest one of a pair holds, the earlier ones are its history.
 *
 * @param runId the run
 * @param leftId left record id
 * @param rightId right record id
 * @param verdict accept, reject or unsure
 * @param comment the steward's comment, if any (at most 2,000 characters)
 * @param steward who decided
 * @param at when
 */
public record ReviewDecision(String runId, String leftId, String rightId, Verdict verdict, Optional<String> comment,
                             String steward, Instant at) {

    /** The longest comment kept. */
    public static final int MAX_COMMENT = 2_000;

    public ReviewDecision {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(leftId, "leftId");
        Objects.requireNonNull(rightId, "rightId");
        Objects.requireNonNull(verdict, "verdict");
        comment = comment == null ? Optional.empty() : comment.map(String::strip).filter(c -> !c.isEmpty());
        if (comment.isPresent() && comment.get().length() > MAX_COMMENT) {
            throw new LinkageException("comment: at most " + MAX_COMMENT + " characters");
        }
        Objects.requireNonNull(steward, "steward");
        Objects.requireNonNull(at, "at");
    }

    /** What a steward decided. */
    public enum Verdict {
        /** The records are the same person: linked. */
        ACCEPT,
        /** They are not: not linked. */
        REJECT,
        /** The steward cannot tell: the engine's decision stands. */
        UNSURE
    }
}

package org.healthgraph.catalog.curation;

import java.time.Instant;
import java.util.Objects;

/**
 * The decision on a proposal.
 *
 * @param reviewer who approved or rejected it
 * @param at when
 * @param comment why
 */
public record Review(String reviewer, Instant at, String comment) {

    public Review {
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(at, "at");
        comment = comment == null ? "" : comment;
    }
}

package org.healthgraph.catalog.curation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A proposed change of one or more catalog entries (a bulk change is one proposal over many).
 *
 * @param id its random id
 * @param status where it stands
 * @param author the steward who proposed it
 * @param createdAt when
 * @param reason why (the author's comment)
 * @param changes the entries it changes, each with its base version and its fields' diff
 * @param review the approval or rejection, once there is one
 */
public record Proposal(String id, ProposalStatus status, String author, Instant createdAt, String reason,
                       List<EntityChange> changes, Optional<Review> review) {

    public Proposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        reason = reason == null ? "" : reason;
        changes = List.copyOf(changes);
        review = review == null ? Optional.empty() : review;
    }
}

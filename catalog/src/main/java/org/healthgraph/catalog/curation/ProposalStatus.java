package org.healthgraph.catalog.curation;

/** Where a proposal stands. */
public enum ProposalStatus {
    /** Waiting for a review. */
    OPEN,
    /** Approved and applied. */
    APPROVED,
    /** Rejected; nothing applied. */
    REJECTED
}

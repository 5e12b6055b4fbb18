package org.healthgraph.catalog.curation;

import java.util.List;
import java.util.Optional;

/**
 * Reviewed curation of the catalog. Actors are the names the audit trail records. Every mutation,
 * refused or not, is audited (PROPOSAL, APPROVAL, REJECTION); a refusal changes nothing. Failures are
 * {@link org.healthgraph.catalog.CatalogException}s: INVALID_INPUT (a rule, naming it), NOT_FOUND (an
 * unknown entry or proposal), FORBIDDEN (approving one's own proposal), CONFLICT (a stale version, a
 * proposal already reviewed).
 */
public interface Curation {

    /**
     * Records a proposal of these edits (one entry or many: a bulk change), each entry at its current
     * version, with the old and new value of every field it changes.
     */
    Proposal propose(String author, String reason, List<EntityEdit> edits);

    /**
     * Approves an open proposal and applies it in one graph transaction: the new values, each entry's
     * version plus one, a revision per field; then tells the catalog's change listeners (search index,
     * cache).
     *
     * @throws org.healthgraph.catalog.CatalogException FORBIDDEN when {@code reviewer} is its author,
     *         CONFLICT when an entry is no longer at the proposal's base version or the proposal is no
     *         longer open, NOT_FOUND when it or one of its entries does not exist
     */
    Proposal approve(String proposalId, String reviewer, String comment);

    /** Rejects an open proposal; nothing is applied. The author may withdraw their own proposal this way. */
    Proposal reject(String proposalId, String reviewer, String comment);

    /** A proposal by id. */
    Optional<Proposal> proposal(String id);

    /** The open proposals, oldest first (the review queue). */
    List<Proposal> openProposals();

    /** The curated fields of an entry now; NOT_FOUND when the catalog has no such entry. */
    EntityState state(EntityRef entity);

    /** The curated fields of an entry now, if the catalog holds it. */
    Optional<EntityState> find(EntityRef entity);

    /** The curated fields of an entry at a past (or the current) version. */
    EntityState stateAt(EntityRef entity, long version);

    /** An entry's revisions, by version and field. */
    List<Revision> history(EntityRef entity);

    /** The conflicts imports recorded with curated fields, newest first. */
    List<ImportConflict> importConflicts();

    /**
     * Tells the change listeners about approved proposals whose telling a crash interrupted (the graph
     * committed, the process died before the search index heard of it); call it at start, once the
     * listeners are added. Returns how many proposals were told again.
     */
    int publishPending();
}

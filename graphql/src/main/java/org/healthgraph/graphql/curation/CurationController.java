package org.healthgraph.graphql.curation;

import java.util.Objects;

import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.curation.Curation;
import org.healthgraph.catalog.curation.EntityRef;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.curation.CurationInputs.ProposeChangeInput;
import org.healthgraph.graphql.curation.CurationInputs.ReviewProposalInput;
import org.healthgraph.graphql.curation.CurationViews.EntryChangeView;
import org.healthgraph.graphql.curation.CurationViews.EntryHistoryView;
import org.healthgraph.graphql.curation.CurationViews.EntryStateView;
import org.healthgraph.graphql.curation.CurationViews.ImportConflictView;
import org.healthgraph.graphql.curation.CurationViews.Payload;
import org.healthgraph.graphql.curation.CurationViews.ProposalView;
import org.healthgraph.graphql.curation.CurationViews.RevisionView;
import org.healthgraph.graphql.paging.Connection;
import org.healthgraph.graphql.paging.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The curation mutations and queries. Who acts is the request's caller ({@link Caller#actor}); the
 * field policies (STEWARD for proposing and reviewing, READER for history) are checked before any of
 * these methods runs, and the domain audits every mutation, refused or not.
 */
@Controller
public final class CurationController {

    private final Curation curation;

    public CurationController(Curation curation) {
        this.curation = Objects.requireNonNull(curation, "curation");
    }

    @MutationMapping
    public Payload proposeChange(@Argument ProposeChangeInput input,
                                 @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        var edits = input.changes().stream().map(CurationInputs.EntryEditInput::toEdit).toList();
        return new Payload(input.clientMutationId(),
                ProposalView.of(curation.propose(Caller.orUnknown(caller).actor(), input.reason(), edits)));
    }

    @MutationMapping
    public Payload approveProposal(@Argument ReviewProposalInput input,
                                   @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        return new Payload(input.clientMutationId(),
                ProposalView.of(curation.approve(input.id(), Caller.orUnknown(caller).actor(), input.comment())));
    }

    @MutationMapping
    public Payload rejectProposal(@Argument ReviewProposalInput input,
                                  @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        return new Payload(input.clientMutationId(),
                ProposalView.of(curation.reject(input.id(), Caller.orUnknown(caller).actor(), input.comment())));
    }

    @QueryMapping
    public Connection<ProposalView> reviewQueue(@Argument Integer first, @Argument String after) {
        PageRequest page = PageRequest.of(first, after);
        return Connection.of(curation.openProposals(), page).map(ProposalView::of);
    }

    @QueryMapping
    public ProposalView proposal(@Argument String id) {
        return curation.proposal(id).map(ProposalView::of).orElse(null);
    }

    @SchemaMapping(typeName = "Proposal", field = "changes")
    public Connection<EntryChangeView> proposalChanges(ProposalView proposal, @Argument Integer first,
                                                       @Argument String after) {
        return Connection.of(proposal.all(), PageRequest.of(first, after));
    }

    @QueryMapping
    public Connection<ImportConflictView> importConflicts(@Argument Integer first, @Argument String after) {
        return Connection.of(curation.importConflicts(), PageRequest.of(first, after)).map(ImportConflictView::of);
    }

    /** Null, as every finder by key, when the catalog has no such entry. */
    @QueryMapping
    public EntryHistoryView catalogEntryHistory(@Argument EntryKind kind, @Argument String key) {
        return curation.find(EntityRef.of(kind, key))
                .map(state -> new EntryHistoryView(kind.name(), key, state.version(), EntryStateView.of(state))).orElse(null);
    }

    @SchemaMapping(typeName = "EntryHistory", field = "atVersion")
    public EntryStateView atVersion(EntryHistoryView history, @Argument int version) {
        return EntryStateView.of(curation.stateAt(EntityRef.of(EntryKind.valueOf(history.kind()), history.key()), version));
    }

    @SchemaMapping(typeName = "EntryHistory", field = "revisions")
    public Connection<RevisionView> revisions(EntryHistoryView history, @Argument Integer first, @Argument String after) {
        return Connection.of(curation.history(EntityRef.of(EntryKind.valueOf(history.kind()), history.key())),
                PageRequest.of(first, after)).map(RevisionView::of);
    }
}

package org.healthgraph.graphql.curation;

import java.util.List;

import org.healthgraph.catalog.curation.EntityChange;
import org.healthgraph.catalog.curation.EntityState;
import org.healthgraph.catalog.curation.FieldChange;
import org.healthgraph.catalog.curation.ImportConflict;
import org.healthgraph.catalog.curation.Proposal;
import org.healthgraph.catalog.curation.Revision;

/** The curation objects as the schema shows them (times as ISO-8601 text). */
final class CurationViews {

    private CurationViews() {
    }

    /** {@code Proposal}; its {@code changes} are paged by the controller. */
    record ProposalView(String id, String status, String author, String createdAt, String reason, int entryCount,
                        List<EntryChangeView> all, ReviewView review) {
        static ProposalView of(Proposal p) {
            return new ProposalView(p.id(), p.status().name(), p.author(), p.createdAt().toString(), p.reason(),
                    p.changes().size(), p.changes().stream().map(EntryChangeView::of).toList(),
                    p.review().map(r -> new ReviewView(r.reviewer(), r.at().toString(), r.comment())).orElse(null));
        }
    }

    /** {@code EntryChange}. */
    record EntryChangeView(String kind, String key, long baseVersion, List<FieldChange> fields) {
        static EntryChangeView of(EntityChange c) {
            return new EntryChangeView(c.entity().kind().name(), c.entity().key(), c.baseVersion(), c.fields());
        }
    }

    /** {@code Review}. */
    record ReviewView(String reviewer, String at, String comment) {
    }

    /** {@code ProposeChangePayload} and {@code ReviewProposalPayload}. */
    record Payload(String clientMutationId, ProposalView proposal) {
    }

    /** {@code EntryHistory}; its fields are resolved by the controller. */
    record EntryHistoryView(String kind, String key, long version, EntryStateView current) {
    }

    /** {@code EntryState}. */
    record EntryStateView(long version, String title, String description, List<String> tags, String codeList,
                          List<String> joins) {
        static EntryStateView of(EntityState s) {
            return new EntryStateView(s.version(), s.field("title"), s.field("description"), split(s.field("tags")),
                    s.field("codedBy"), split(s.field("joins")));
        }

        private static List<String> split(String text) {
            return text.isEmpty() ? List.of() : List.of(text.split(", "));
        }
    }

    /** {@code Revision}. */
    record RevisionView(long version, String field, String oldValue, String newValue, String author, String reviewer,
                        String at, String reason, String proposal) {
        static RevisionView of(Revision r) {
            return new RevisionView(r.version(), r.field(), r.oldValue(), r.newValue(), r.author(), r.reviewer(),
                    r.at().toString(), r.reason(), r.proposal());
        }
    }

    /** {@code ImportConflict}. */
    record ImportConflictView(String id, String kind, String key, String field, String curatedValue,
                              String importedValue, String source, String at) {
        static ImportConflictView of(ImportConflict c) {
            return new ImportConflictView(c.id(), c.entity().kind().name(), c.entity().key(), c.field(), c.curatedValue(),
                    c.importedValue(), c.source(), c.at().toString());
        }
    }
}

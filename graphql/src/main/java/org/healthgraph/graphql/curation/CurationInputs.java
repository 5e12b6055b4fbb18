package org.healthgraph.graphql.curation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.curation.EntityEdit;
import org.healthgraph.catalog.curation.EntityRef;

/** The mutations' input types, bound by Spring for GraphQL, and their translation to the domain's edits. */
final class CurationInputs {

    private CurationInputs() {
    }

    /** {@code ProposeChangeInput}. */
    record ProposeChangeInput(String clientMutationId, String reason, List<EntryEditInput> changes) {
    }

    /** {@code EntryEditInput}. */
    record EntryEditInput(EntryKind kind, String key, Integer version, String title, String description,
                          List<String> tags, String codeList, List<JoinInput> addJoins, List<String> removeJoins) {

        EntityEdit toEdit() {
            EntityRef entity = EntityRef.of(kind, key);
            List<Join> joins = addJoins == null ? List.of() : addJoins.stream().map(j -> new Join(TableName.of(key),
                    TableName.of(j.to()), j.keys().stream().map(k -> new KeyPair(k.from(), k.to())).toList())).toList();
            return new EntityEdit(entity, version == null ? OptionalLong.empty() : OptionalLong.of(version),
                    Optional.ofNullable(title), Optional.ofNullable(description), Optional.ofNullable(tags),
                    Optional.ofNullable(codeList), kind == EntryKind.TABLE ? joins : List.of(),
                    removeJoins == null ? List.of() : removeJoins);
        }
    }

    /** {@code JoinInput}. */
    record JoinInput(String to, List<KeyPairInput> keys) {
    }

    /** {@code KeyPairInput}. */
    record KeyPairInput(String from, String to) {
    }

    /** {@code ReviewProposalInput}. */
    record ReviewProposalInput(String clientMutationId, String id, String comment) {
    }
}

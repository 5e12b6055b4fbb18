package org.healthgraph.catalog.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.InvalidCatalogInputException;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.UnknownCatalogEntryException;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.curation.Curation;
import org.healthgraph.catalog.curation.CurationLimits;
import org.healthgraph.catalog.curation.EntityChange;
import org.healthgraph.catalog.curation.EntityEdit;
import org.healthgraph.catalog.curation.EntityRef;
import org.healthgraph.catalog.curation.EntityState;
import org.healthgraph.catalog.curation.FieldChange;
import org.healthgraph.catalog.curation.ImportConflict;
import org.healthgraph.catalog.curation.Proposal;
import org.healthgraph.catalog.curation.ProposalStatus;
import org.healthgraph.catalog.curation.Review;
import org.healthgraph.catalog.curation.Revision;
import org.healthgraph.catalog.store.CatalogStamp;
import org.healthgraph.catalog.store.CatalogStore;
import org.healthgraph.catalog.store.CatalogTransaction;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.GraphStoreException;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;

/**
 * Reviewed curation over the catalog store. Entries carry a {@code version} (absent: 0), their
 * {@code tags}, and the names of their {@code curated} fields (which imports no longer overwrite, see
 * {@link GraphCatalogWriter}). Proposals, revisions and import conflicts are nodes of their own
 * ({@link CatalogRows#PROPOSAL}, ...). An approval locks the proposal and its entries, re-reads them,
 * checks every base version, and writes everything in that one transaction; it is then told to the
 * writer's listeners, and marked {@code published} so that a crash between the two is caught up at
 * the next start ({@link #publishPending}).
 */
public final class GraphCuration implements Curation {

    /** The fields a steward may change, by kind of entry. */
    static final Map<EntryKind, List<String>> FIELDS = Map.of(
            EntryKind.DATASET, List.of("title", "description", "tags"),
            EntryKind.TABLE, List.of("title", "tags", "join"),
            EntryKind.VARIABLE, List.of("description", "tags", "codedBy"),
            EntryKind.NOMENCLATURE, List.of("title", "tags"));
    /** The longest tag, in characters. */
    static final int MAX_TAG = 100;
    /** The most tags one entry may carry. */
    static final int MAX_TAGS = 50;
    /** The most joins one change of a table adds, and removes. */
    static final int MAX_JOINS = 20;

    private final CatalogStore store;
    private final GraphCatalogWriter writer;
    private final AuditTrail audit;
    private final CurationLimits limits;

    public GraphCuration(CatalogStore store, GraphCatalogWriter writer, AuditTrail audit, CurationLimits limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    // ---------------------------------------------------------------- proposing

    @Override
    public Proposal propose(String author, String reason, List<EntityEdit> edits) {
        return audited(author, AuditAction.PROPOSAL, "proposeChange", () -> {
            Proposal p = buildProposal(author, reason, edits);
            write(tx -> {
                tx.putRecords(CatalogRows.PROPOSAL, List.of(proposalRow(p)));
                return null;
            });
            return p;
        }, p -> "proposal " + p.id() + ": " + summary(p));
    }

    private Proposal buildProposal(String author, String reason, List<EntityEdit> edits) {
        requireActor(author, "author");
        text(reason, "reason", limits.maxTextLength(), "healthgraph.imports.max-text-length");
        if (edits == null || edits.isEmpty()) {
            throw new InvalidCatalogInputException("changes: a proposal needs at least one entry to change");
        }
        if (edits.size() > limits.maxEntities()) {
            throw new InvalidCatalogInputException("changes: a proposal may change at most " + limits.maxEntities()
                    + " entries, got " + edits.size());
        }
        Set<EntityRef> seen = new LinkedHashSet<>();
        for (EntityEdit e : edits) {
            if (!seen.add(e.entity())) {
                throw new InvalidCatalogInputException("changes: " + e.entity() + " is named twice; put all its fields in one change");
            }
        }
        Map<EntityRef, Map<String, Object>> current = current(seen);
        List<EntityChange> changes = new ArrayList<>();
        for (EntityEdit e : edits) {
            Map<String, Object> props = current.get(e.entity());
            long version = version(props);
            if (e.expectedVersion().isPresent() && e.expectedVersion().getAsLong() != version) {
                throw new CatalogException(ErrorKind.CONFLICT, e.entity() + " is at version " + version
                        + ", the change was made on version " + e.expectedVersion().getAsLong() + "; reload it and edit again");
            }
            List<FieldChange> fields = fieldChanges(e, props);
            if (!fields.isEmpty()) {
                changes.add(new EntityChange(e.entity(), version, fields));
            }
        }
        if (changes.isEmpty()) {
            throw new InvalidCatalogInputException("changes: every value proposed equals the current one; nothing to review");
        }
        return new Proposal(UUID.randomUUID().toString(), ProposalStatus.OPEN, author, Instant.now(),
                reason.strip(), changes, Optional.empty());
    }

    /** The stored properties of every entry, or NOT_FOUND naming the first missing ones. */
    private Map<EntityRef, Map<String, Object>> current(Collection<EntityRef> entities) {
        Map<EntityRef, Map<String, Object>> out = new LinkedHashMap<>();
        Map<EntryKind, List<String>> byKind = byKind(entities);
        for (Map.Entry<EntryKind, List<String>> k : byKind.entrySet()) {
            Map<String, Map<String, Object>> props = store.properties(k.getKey(), k.getValue());
            for (String key : k.getValue()) {
                if (props.containsKey(key)) {
                    out.put(EntityRef.of(k.getKey(), key), props.get(key));
                }
            }
        }
        requireAll(entities, out.keySet());
        return out;
    }

    private static void requireAll(Collection<EntityRef> wanted, Set<EntityRef> found) {
        List<String> missing = wanted.stream().filter(e -> !found.contains(e)).map(EntityRef::toString).toList();
        if (!missing.isEmpty()) {
            throw new UnknownCatalogEntryException("the catalog holds no " + String.join(", ",
                    missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? " (and " + (missing.size() - 10)
                    + " more)" : ""));
        }
    }

    private List<FieldChange> fieldChanges(EntityEdit e, Map<String, Object> props) {
        EntityRef ref = e.entity();
        List<FieldChange> out = new ArrayList<>();
        e.title().ifPresent(t -> {
            allowed(ref, "title");
            text(t, ref + " title", limits.maxLabelLength(), "healthgraph.imports.max-label-length");
            change(out, "title", CatalogRows.str(props, "title"), t.strip());
        });
        e.description().ifPresent(d -> {
            allowed(ref, "description");
            text(d, ref + " description", limits.maxTextLength(), "healthgraph.imports.max-text-length");
            change(out, "description", CatalogRows.str(props, "description"), d.strip());
        });
        e.tags().ifPresent(t -> change(out, "tags", tagsText(CatalogRows.strings(props, "tags")), tagsText(tags(ref, t))));
        e.codedBy().ifPresent(c -> {
            allowed(ref, "codedBy");
            change(out, "codedBy", CatalogRows.str(props, "codedBy"), codedBy(ref, c));
        });
        if (!e.addJoins().isEmpty() || !e.removeJoins().isEmpty()) {
            allowed(ref, "join");
            if (e.addJoins().size() > MAX_JOINS || e.removeJoins().size() > MAX_JOINS) {
                throw new InvalidCatalogInputException(ref + " join: at most " + MAX_JOINS
                        + " joins added and " + MAX_JOINS + " removed in one change");
            }
            out.addAll(joinChanges(ref, e));
        }
        return out;
    }

    private static void change(List<FieldChange> out, String field, String old, String value) {
        if (!old.equals(value)) {
            out.add(new FieldChange(field, old, value));
        }
    }

    private static void allowed(EntityRef ref, String field) {
        if (!FIELDS.get(ref.kind()).contains(field)) {
            throw new InvalidCatalogInputException(field + ": a " + ref.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " has no curated " + field + " (it has " + String.join(", ", FIELDS.get(ref.kind())) + ")");
        }
    }

    private static void text(String value, String what, int max, String setting) {
        if (value == null) {
            throw new InvalidCatalogInputException(what + " is required");
        }
        if (value.length() > max) {
            throw new InvalidCatalogInputException(what + " is " + value.length() + " characters long, over the limit of "
                    + max + " (" + setting + ")");
        }
    }

    private static List<String> tags(EntityRef ref, List<String> tags) {
        TreeSet<String> out = new TreeSet<>();
        for (String t : tags) {
            String tag = t == null ? "" : t.strip();
            if (tag.isEmpty() || tag.contains(",") || tag.length() > MAX_TAG) {
                throw new InvalidCatalogInputException(ref + " tags: each tag must be 1 to " + MAX_TAG
                        + " characters without a comma");
            }
            out.add(tag);
        }
        if (out.size() > MAX_TAGS) {
            throw new InvalidCatalogInputException(ref + " tags: at most " + MAX_TAGS + ", got " + out.size());
        }
        return List.copyOf(out);
    }

    static String tagsText(List<String> tags) {
        return String.join(", ", new TreeSet<>(tags));
    }

    private static List<String> tagsList(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(", "));
    }

    private String codedBy(EntityRef ref, String value) {
        Optional<CodedBy> parsed = CodedBy.parse(value);
        if (parsed.isEmpty()) {
            return "";
        }
        String list = parsed.get().nomenclature().value();
        if (store.properties(EntryKind.NOMENCLATURE, List.of(list)).isEmpty()) {
            throw new UnknownCatalogEntryException(ref + " codedBy: the catalog holds no code list " + list);
        }
        return parsed.get().toString();
    }

    private List<FieldChange> joinChanges(EntityRef ref, EntityEdit e) {
        TableName table = TableName.of(ref.key());
        Set<String> declared = new LinkedHashSet<>();
        store.joinsOfTables(List.of(table.value())).stream().filter(j -> j.from().equals(table))
                .forEach(j -> declared.add(j.id()));
        List<FieldChange> out = new ArrayList<>();
        for (Join j : e.addJoins()) {
            if (!j.from().equals(table)) {
                throw new InvalidCatalogInputException(ref + " join: a join added to a table starts from it, got one from " + j.from());
            }
            if (store.properties(EntryKind.TABLE, List.of(j.to().value())).isEmpty()) {
                throw new UnknownCatalogEntryException(ref + " join: the catalog holds no table " + j.to());
            }
            if (declared.contains(j.id())) {
                throw new InvalidCatalogInputException(ref + " join: " + j.id() + " is declared already");
            }
            out.add(new FieldChange("join", "", j.id()));
        }
        for (String id : e.removeJoins()) {
            if (!declared.contains(id)) {
                throw new UnknownCatalogEntryException(ref + " join: no join " + id + " starts from this table");
            }
            out.add(new FieldChange("join", id, ""));
        }
        return out;
    }

    // ---------------------------------------------------------------- reviewing

    @Override
    public Proposal approve(String proposalId, String reviewer, String comment) {
        return audited(reviewer, AuditAction.APPROVAL, "proposal " + proposalId, () -> {
            requireActor(reviewer, "reviewer");
            text(comment, "comment", limits.maxTextLength(), "healthgraph.imports.max-text-length");
            Instant at = Instant.now();
            Applied applied = write(tx -> apply(tx, proposalId, reviewer, comment.strip(), at));
            writer.publishStamp(applied.stamp());
            writer.publish(applied.change());
            markPublished(proposalId);
            return applied.proposal();
        }, p -> "approved: " + summary(p));
    }

    /** An approval as committed: the proposal, what it changed, and the catalog stamp its transaction moved. */
    private record Applied(Proposal proposal, CatalogChange change, CatalogStamp stamp) {
    }

    private Applied apply(CatalogTransaction tx, String id, String reviewer, String comment, Instant at) {
        Proposal p = lockedOpen(tx, id);
        if (p.author().equals(reviewer)) {
            throw new CatalogException(ErrorKind.FORBIDDEN, "proposal " + id + " was made by " + reviewer
                    + "; another steward must approve it (nobody approves their own proposal)");
        }
        Map<EntryKind, List<String>> byKind = byKind(p.changes().stream().map(EntityChange::entity).toList());
        Map<EntityRef, Map<String, Object>> now = new HashMap<>();
        for (Map.Entry<EntryKind, List<String>> k : byKind.entrySet()) {
            tx.lock(CatalogRows.label(k.getKey()), k.getValue());
            tx.existing(k.getKey(), k.getValue()).forEach((key, props) -> now.put(EntityRef.of(k.getKey(), key), props));
        }
        requireAll(p.changes().stream().map(EntityChange::entity).toList(), now.keySet());
        for (EntityChange c : p.changes()) {
            long version = version(now.get(c.entity()));
            if (version != c.baseVersion()) {
                throw new CatalogException(ErrorKind.CONFLICT, c.entity() + " is at version " + version
                        + ", the proposal " + id + " was made on version " + c.baseVersion()
                        + "; reject it and propose again on the current version");
            }
        }
        Map<EntryKind, Set<String>> changed = new EnumMap<>(EntryKind.class);
        Map<EntryKind, List<Map<String, Object>>> rows = new EnumMap<>(EntryKind.class);
        List<Map<String, Object>> revisions = new ArrayList<>();
        List<VariableChange> variableChanges = new ArrayList<>();
        List<CatalogTransaction.VariableLink> links = new ArrayList<>();
        List<Map<String, Object>> joinsAdded = new ArrayList<>();
        List<String> joinsRemoved = new ArrayList<>();
        String source = "curation:" + id;
        for (EntityChange c : p.changes()) {
            EntityRef ref = c.entity();
            Map<String, Object> before = now.get(ref);
            long version = c.baseVersion() + 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(CatalogRows.label(ref.kind()).keyProperty(), ref.key());
            row.put("version", version);
            Set<String> curated = new TreeSet<>(CatalogRows.strings(before, "curated"));
            changed.computeIfAbsent(ref.kind(), k -> new LinkedHashSet<>()).add(ref.key());
            for (FieldChange f : c.fields()) {
                curated.add(f.field());
                switch (f.field()) {
                    case "tags" -> row.put("tags", tagsList(f.newValue()));
                    case "join" -> {
                        if (f.newValue().isEmpty()) {
                            joinsRemoved.add(f.oldValue());
                            changed.get(EntryKind.TABLE).add(parseJoin(f.oldValue()).to().value());
                        } else {
                            Join join = parseJoin(f.newValue());
                            if (tx.present(EntryKind.TABLE, List.of(join.to().value())).isEmpty()) {
                                throw new UnknownCatalogEntryException(ref + " join: the catalog holds no table " + join.to());
                            }
                            joinsAdded.add(CatalogRows.join(join));
                            changed.get(EntryKind.TABLE).add(join.to().value());
                        }
                    }
                    case "codedBy" -> {
                        Optional<CodedBy> coded = CodedBy.parse(f.newValue());
                        if (coded.isPresent() && tx.present(EntryKind.NOMENCLATURE,
                                List.of(coded.get().nomenclature().value())).isEmpty()) {
                            throw new UnknownCatalogEntryException(ref + " codedBy: the catalog holds no code list "
                                    + coded.get().nomenclature());
                        }
                        row.put("codedBy", f.newValue().isEmpty() ? null : f.newValue());
                        VariableRef v = VariableRef.parse(ref.key());
                        links.add(new CatalogTransaction.VariableLink(ref.key(), v.table().value(),
                                coded.map(x -> x.nomenclature().value()), coded.flatMap(CodedBy::column)));
                    }
                    default -> row.put(f.field(), f.newValue().isEmpty() ? null : f.newValue());
                }
                revisions.add(revisionRow(new Revision(ref, version, f.field(), f.oldValue(), f.newValue(), p.author(),
                        reviewer, at, p.reason(), id)));
                if (ref.kind() == EntryKind.VARIABLE && !f.field().equals("tags")) {
                    variableChanges.add(new VariableChange(VariableRef.parse(ref.key()), f.field(), f.oldValue(),
                            f.newValue(), source + " (" + p.author() + ", approved by " + reviewer + ")", at));
                }
            }
            row.put("curated", List.copyOf(curated));
            rows.computeIfAbsent(ref.kind(), k -> new ArrayList<>()).add(row);
        }
        rows.forEach(tx::upsert);
        if (!joinsRemoved.isEmpty()) {
            tx.deleteJoins(joinsRemoved);
        }
        if (!joinsAdded.isEmpty()) {
            tx.upsertJoins(joinsAdded);
        }
        if (!links.isEmpty()) {
            tx.linkVariables(links);
        }
        tx.putRecords(CatalogRows.REVISION, revisions);
        if (!variableChanges.isEmpty()) {
            tx.recordHistory(variableChanges);
        }
        Proposal approved = reviewed(p, ProposalStatus.APPROVED, reviewer, at, comment);
        Map<String, Object> row = proposalRow(approved);
        row.put("published", false);
        tx.putRecords(CatalogRows.PROPOSAL, List.of(row));
        // other processes on the same graph notice the approval as they notice an import (CatalogFreshness)
        CatalogStamp stamp = tx.moveStamp();
        return new Applied(approved, new CatalogChange(source, changed, 0, p.changes().size(), 0, variableChanges, false), stamp);
    }

    @Override
    public Proposal reject(String proposalId, String reviewer, String comment) {
        return audited(reviewer, AuditAction.REJECTION, "proposal " + proposalId, () -> {
            requireActor(reviewer, "reviewer");
            text(comment, "comment", limits.maxTextLength(), "healthgraph.imports.max-text-length");
            Instant at = Instant.now();
            return write(tx -> {
                Proposal rejected = reviewed(lockedOpen(tx, proposalId), ProposalStatus.REJECTED, reviewer, at, comment.strip());
                tx.putRecords(CatalogRows.PROPOSAL, List.of(proposalRow(rejected)));
                return rejected;
            });
        }, p -> "rejected: " + summary(p));
    }

    /** The proposal, locked and re-read so that two reviews of it cannot both pass; it must be open. */
    private static Proposal lockedOpen(CatalogTransaction tx, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidCatalogInputException("id: a proposal id is required");
        }
        tx.lock(CatalogRows.PROPOSAL, List.of(id));
        Map<String, Object> row = tx.records(CatalogRows.PROPOSAL, List.of(id)).get(id);
        if (row == null) {
            throw new UnknownCatalogEntryException("there is no proposal " + id);
        }
        Proposal p = proposal(row);
        if (p.status() != ProposalStatus.OPEN) {
            throw new CatalogException(ErrorKind.CONFLICT, "proposal " + id + " is " + p.status().name().toLowerCase(
                    java.util.Locale.ROOT) + " already" + p.review().map(r -> " (by " + r.reviewer() + ")").orElse(""));
        }
        return p;
    }

    private static Proposal reviewed(Proposal p, ProposalStatus status, String reviewer, Instant at, String comment) {
        return new Proposal(p.id(), status, p.author(), p.createdAt(), p.reason(), p.changes(),
                Optional.of(new Review(reviewer, at, comment)));
    }

    private void markPublished(String id) {
        write(tx -> {
            tx.putRecords(CatalogRows.PROPOSAL, List.of(Map.of("id", id, "published", true)));
            return null;
        });
    }

    @Override
    public int publishPending() {
        int told = 0;
        for (Map<String, Object> row : store.records(CatalogRows.PROPOSAL, "status", ProposalStatus.APPROVED.name())) {
            if (Boolean.FALSE.equals(row.get("published"))) {
                Proposal p = proposal(row);
                writer.publish(new CatalogChange("curation:" + p.id(), changedKeys(p), 0, p.changes().size(), 0,
                        List.of(), false));
                markPublished(p.id());
                told++;
            }
        }
        return told;
    }

    private static Map<EntryKind, Set<String>> changedKeys(Proposal p) {
        Map<EntryKind, Set<String>> out = new EnumMap<>(EntryKind.class);
        for (EntityChange c : p.changes()) {
            out.computeIfAbsent(c.entity().kind(), k -> new LinkedHashSet<>()).add(c.entity().key());
            for (FieldChange f : c.fields()) {
                if (f.field().equals("join")) {
                    out.get(EntryKind.TABLE).add(parseJoin(f.newValue().isEmpty() ? f.oldValue() : f.newValue()).to().value());
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Optional<Proposal> proposal(String id) {
        return Optional.ofNullable(store.records(CatalogRows.PROPOSAL, List.of(id)).get(id)).map(GraphCuration::proposal);
    }

    @Override
    public List<Proposal> openProposals() {
        return store.records(CatalogRows.PROPOSAL, "status", ProposalStatus.OPEN.name()).stream()
                .map(GraphCuration::proposal)
                .sorted(Comparator.comparing(Proposal::createdAt).thenComparing(Proposal::id)).toList();
    }

    @Override
    public EntityState state(EntityRef entity) {
        Map<String, Object> props = current(List.of(entity)).get(entity);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : FIELDS.get(entity.kind())) {
            switch (field) {
                case "tags" -> fields.put("tags", tagsText(CatalogRows.strings(props, "tags")));
                case "join" -> fields.put("joins", String.join(", ", new TreeSet<>(store.joinsOfTables(List.of(entity.key()))
                        .stream().filter(j -> j.from().value().equals(entity.key())).map(Join::id).toList())));
                default -> fields.put(field, CatalogRows.str(props, field));
            }
        }
        return new EntityState(entity, version(props), fields);
    }

    @Override
    public Optional<EntityState> find(EntityRef entity) {
        return store.properties(entity.kind(), List.of(entity.key())).isEmpty() ? Optional.empty() : Optional.of(state(entity));
    }

    @Override
    public EntityState stateAt(EntityRef entity, long version) {
        EntityState now = state(entity);
        if (version < 0 || version > now.version()) {
            throw new UnknownCatalogEntryException(entity + " has no version " + version + "; its versions are 0 to "
                    + now.version());
        }
        Map<String, String> fields = new LinkedHashMap<>(now.fields());
        List<Revision> later = history(entity).stream().filter(r -> r.version() > version)
                .sorted(Comparator.comparingLong(Revision::version).reversed()).toList();
        for (Revision r : later) {
            if (r.field().equals("join")) {
                TreeSet<String> joins = new TreeSet<>(tagsList(fields.getOrDefault("joins", "")));
                if (r.newValue().isEmpty()) {
                    joins.add(r.oldValue());
                } else {
                    joins.remove(r.newValue());
                }
                fields.put("joins", String.join(", ", joins));
            } else {
                fields.put(r.field(), r.oldValue());
            }
        }
        return new EntityState(entity, version, fields);
    }

    @Override
    public List<Revision> history(EntityRef entity) {
        return store.records(CatalogRows.REVISION, "entity", entity.toString()).stream().map(GraphCuration::revision)
                .sorted(Comparator.comparingLong(Revision::version).thenComparing(Revision::field)
                        .thenComparing(Revision::newValue)).toList();
    }

    @Override
    public List<ImportConflict> importConflicts() {
        return store.records(CatalogRows.IMPORT_CONFLICT, "status", "OPEN").stream()
                .map(r -> new ImportConflict(CatalogRows.str(r, "id"), EntityRef.parse(CatalogRows.str(r, "entity")),
                        CatalogRows.str(r, "field"), CatalogRows.str(r, "curated"), CatalogRows.str(r, "imported"),
                        CatalogRows.str(r, "source"), Instant.parse(CatalogRows.str(r, "at"))))
                .sorted(Comparator.comparing(ImportConflict::at).reversed().thenComparing(ImportConflict::id)).toList();
    }

    // ---------------------------------------------------------------- rows

    static long version(Map<String, Object> props) {
        return props != null && props.get("version") instanceof Number n ? n.longValue() : 0L;
    }

    static Map<String, Object> revisionRow(Revision r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", UUID.randomUUID().toString());
        row.put("entity", r.entity().toString());
        row.put("version", r.version());
        row.put("field", r.field());
        row.put("old", r.oldValue());
        row.put("new", r.newValue());
        row.put("author", r.author());
        row.put("reviewer", r.reviewer());
        row.put("at", r.at().toString());
        row.put("reason", r.reason());
        row.put("proposal", r.proposal());
        return row;
    }

    private static Revision revision(Map<String, Object> r) {
        return new Revision(EntityRef.parse(CatalogRows.str(r, "entity")), version(r), CatalogRows.str(r, "field"),
                CatalogRows.str(r, "old"), CatalogRows.str(r, "new"), CatalogRows.str(r, "author"),
                CatalogRows.str(r, "reviewer"), Instant.parse(CatalogRows.str(r, "at")), CatalogRows.str(r, "reason"),
                CatalogRows.str(r, "proposal"));
    }

    /** A proposal as one node: its entries and field changes as parallel lists. */
    private static Map<String, Object> proposalRow(Proposal p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", p.id());
        row.put("status", p.status().name());
        row.put("author", p.author());
        row.put("createdAt", p.createdAt().toString());
        row.put("reason", p.reason());
        List<String> entities = new ArrayList<>();
        List<Long> bases = new ArrayList<>();
        List<String> fieldEntity = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<String> olds = new ArrayList<>();
        List<String> news = new ArrayList<>();
        for (EntityChange c : p.changes()) {
            entities.add(c.entity().toString());
            bases.add(c.baseVersion());
            for (FieldChange f : c.fields()) {
                fieldEntity.add(c.entity().toString());
                fields.add(f.field());
                olds.add(f.oldValue());
                news.add(f.newValue());
            }
        }
        row.put("entities", entities);
        row.put("bases", bases);
        row.put("fieldEntities", fieldEntity);
        row.put("fields", fields);
        row.put("olds", olds);
        row.put("news", news);
        p.review().ifPresent(r -> {
            row.put("reviewer", r.reviewer());
            row.put("reviewedAt", r.at().toString());
            row.put("reviewComment", r.comment());
        });
        return row;
    }

    private static Proposal proposal(Map<String, Object> row) {
        List<String> entities = CatalogRows.strings(row, "entities");
        List<String> bases = CatalogRows.strings(row, "bases");
        List<String> fieldEntity = CatalogRows.strings(row, "fieldEntities");
        List<String> fields = CatalogRows.strings(row, "fields");
        List<String> olds = CatalogRows.strings(row, "olds");
        List<String> news = CatalogRows.strings(row, "news");
        Map<String, List<FieldChange>> byEntity = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            byEntity.computeIfAbsent(fieldEntity.get(i), k -> new ArrayList<>())
                    .add(new FieldChange(fields.get(i), olds.get(i), news.get(i)));
        }
        List<EntityChange> changes = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            changes.add(new EntityChange(EntityRef.parse(entities.get(i)), Long.parseLong(bases.get(i)),
                    byEntity.getOrDefault(entities.get(i), List.of())));
        }
        Optional<Review> review = row.get("reviewer") == null ? Optional.empty()
                : Optional.of(new Review(CatalogRows.str(row, "reviewer"), Instant.parse(CatalogRows.str(row, "reviewedAt")),
                        CatalogRows.str(row, "reviewComment")));
        return new Proposal(CatalogRows.str(row, "id"), ProposalStatus.valueOf(CatalogRows.str(row, "status")),
                CatalogRows.str(row, "author"), Instant.parse(CatalogRows.str(row, "createdAt")),
                CatalogRows.str(row, "reason"), changes, review);
    }

    /** Parses a join's id, {@code FROM(a,b)->TO(c,d)} (see {@link Join#id}). */
    static Join parseJoin(String id) {
        int arrow = id.indexOf(")->");
        int open1 = id.indexOf('(');
        int open2 = id.indexOf('(', arrow + 3);
        if (arrow < 0 || open1 < 0 || open2 < 0 || !id.endsWith(")")) {
            throw new InvalidCatalogInputException("join id '" + id + "' must read FROM(keys)->TO(keys)");
        }
        List<String> from = List.of(id.substring(open1 + 1, arrow).split(","));
        List<String> to = List.of(id.substring(open2 + 1, id.length() - 1).split(","));
        if (from.size() != to.size()) {
            throw new InvalidCatalogInputException("join id '" + id + "' must have as many keys on each side");
        }
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            keys.add(new KeyPair(from.get(i), to.get(i)));
        }
        return new Join(TableName.of(id.substring(0, open1)), TableName.of(id.substring(arrow + 3, open2)), keys);
    }

    // ---------------------------------------------------------------- plumbing

    private static Map<EntryKind, List<String>> byKind(Collection<EntityRef> entities) {
        Map<EntryKind, List<String>> out = new EnumMap<>(EntryKind.class);
        entities.forEach(e -> out.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e.key()));
        return out;
    }

    private static void requireActor(String actor, String what) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidCatalogInputException(what + ": who acts must be named");
        }
    }

    private <T> T write(java.util.function.Function<CatalogTransaction, T> work) {
        try {
            return store.write(work);
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot write the curation change: " + e.getMessage(), e);
        }
    }

    /** Runs a mutation and audits it, refused or not; a refusal leaves the state unchanged. */
    private <T> T audited(String actor, AuditAction action, String target, Supplier<T> work,
                          java.util.function.Function<T, String> detail) {
        String who = actor == null || actor.isBlank() ? "unknown" : actor;
        T result;
        try {
            result = work.get();
        } catch (CatalogException e) {
            audit.record(AuditEvent.refused(who, action, target, e.kind() + ": " + e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            audit.record(new AuditEvent(who, action, target, java.util.OptionalLong.empty(), AuditEvent.Outcome.FAILED,
                    e.getClass().getSimpleName()));
            throw e;
        }
        audit.record(new AuditEvent(who, action, target, java.util.OptionalLong.empty(), AuditEvent.Outcome.ALLOWED,
                detail.apply(result)));
        return result;
    }

    /** Entries and fields, never the values (which may be long). */
    private static String summary(Proposal p) {
        StringBuilder out = new StringBuilder();
        for (EntityChange c : p.changes()) {
            if (out.length() > 1000) {
                out.append(" ...");
                break;
            }
            out.append(out.isEmpty() ? "" : "; ").append(c.entity()).append(" v").append(c.baseVersion()).append(' ')
                    .append(c.fields().stream().map(FieldChange::field).distinct().toList());
        }
        return p.changes().size() + " entries by " + p.author() + ": " + out;
    }
}

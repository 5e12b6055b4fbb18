package org.healthgraph.journeys.store.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.inV;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.tinkerpop.gremlin.process.traversal.Order;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.healthgraph.graph.ConstraintViolationException;
import org.healthgraph.graph.GraphKeys;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;
import org.healthgraph.graph.gremlin.GremlinWriter;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneysStamp;

/**
 * The {@link JourneyStore} on a Gremlin graph: the same vertices, edges and properties as the Neo4j
 * store ({@code Patient -HAD-> CareEvent -CODED_AS {role}-> Code}, {@code Patient -HAS_ALIAS->
 * Pseudonym}, one {@code JourneysStamp}), written with traversals built through TinkerPop's Java API.
 * A batch is one transaction (all or nothing where the graph has transactions): codes resolved, the
 * batch's existing patients found, their former events dropped, patients and events written in
 * chains of traversal steps (about a hundred events a traversal), aliases upserted, the stamp moved last. The store's writes are
 * serialised (see {@link GremlinGraph#writeTraversal}), so the stamp's read-then-move is safe within
 * this process; several processes writing journeys to one Gremlin Server need the database's own
 * locking (JanusGraph: a lock on the stamp's {@code version}, docs/scale-out.md). There is no
 * cross-check: a Gremlin graph has no Cypher.
 */
public final class GremlinJourneyStore implements JourneyStore {

    /**
     * Events per write traversal against a server: each event is one step of the chain, with some
     * fifteen nested; Gremlin Server 3.8.1 overflowed its stack on a flat chain of 400 events
     * (about 9,000 steps), so chains stay well below that.
     */
    private static final int EVENTS_PER_TRAVERSAL = 100;

    static final List<Label> LABELS = Stream.concat(GraphNames.LABELS.stream(), Stream.of(STAMP)).toList();
    static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(GraphNames.CARE_EVENT, "type"));

    private final GremlinGraph graph;

    public GremlinJourneyStore(GremlinGraph graph) {
        this.graph = graph;
    }

    @Override
    public String backend() {
        return "gremlin";
    }

    @Override
    public void ensureSchema() {
        graph.ensureSchema(LABELS, INDEXES);
    }

    @Override
    public long patientCount() {
        return graph.count(GraphNames.PATIENT);
    }

    @Override
    public long eventCount() {
        return graph.count(GraphNames.CARE_EVENT);
    }

    // ---------------------------------------------------------------- stamp

    @Override
    public Optional<JourneysStamp> stamp() {
        return graph.read(g -> stampOf(g, graph));
    }

    @Override
    public JourneysStamp moveStamp() {
        return graph.writeTraversal(w -> moveStamp(w, graph));
    }

    @Override
    public JourneysStamp ensureStamp() {
        return graph.writeTraversal(w -> stampOf(w.g(), graph).orElseGet(() -> {
            JourneysStamp first = JourneysStamp.first();
            w.upsertNodes(STAMP, List.of(Map.of(STAMP.keyProperty(), STAMP_KEY, "version", first.version(),
                    "token", first.token().toString())));
            return first;
        }));
    }

    private static Optional<JourneysStamp> stampOf(GraphTraversalSource g, GremlinGraph graph) {
        Object id = graph.vertexIds(g, STAMP, List.of(STAMP_KEY)).get(STAMP_KEY);
        if (id == null) {
            return Optional.empty();
        }
        Map<String, Object> p = GremlinValues.properties(g.V(id).elementMap().next());
        Object token = p.get("token");
        if (token == null || token.toString().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JourneysStamp(((Number) p.get("version")).longValue(), UUID.fromString(token.toString())));
    }

    private static JourneysStamp moveStamp(GremlinWriter w, GremlinGraph graph) {
        JourneysStamp next = stampOf(w.g(), graph).map(JourneysStamp::next)
                .orElseGet(() -> new JourneysStamp(1, UUID.randomUUID()));
        w.upsertNodes(STAMP, List.of(Map.of(STAMP.keyProperty(), STAMP_KEY, "version", next.version(),
                "token", next.token().toString())));
        return next;
    }

    // ---------------------------------------------------------------- writes

    @Override
    public JourneysStamp write(List<PatientJourney> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one patient");
        }
        Set<String> ids = new HashSet<>();
        for (PatientJourney j : batch) {
            if (!ids.add(j.id().value())) {
                // The Neo4j store meets the same batch as a key constraint violation; no patient id in the message.
                throw new ConstraintViolationException("a batch of patients lists one patient twice (" + batch.size()
                        + " patients): nothing was written", null);
            }
        }
        return graph.writeTraversal(w -> {
            Map<String, Object> codes = resolveCodes(w, batch);
            Map<String, Object> existing = graph.vertexIds(w.g(), GraphNames.PATIENT, ids);
            dropEvents(w.g(), existing.values());
            writePatients(w.chain(), batch, existing, codes);
            writeAliases(w, batch);
            writeProjects(w, batch);
            return moveStamp(w, graph);
        });
    }

    /** The vertex id of every code the batch carries, creating the codes the graph lacks. */
    private Map<String, Object> resolveCodes(GremlinWriter w, List<PatientJourney> batch) {
        Map<String, EventCode> byKey = new LinkedHashMap<>();
        batch.forEach(j -> j.events().forEach(ev -> ev.codes().forEach(c -> byKey.putIfAbsent(c.key(), c))));
        Map<String, Object> ids = new HashMap<>(graph.vertexIds(w.g(), GraphNames.CODE, byKey.keySet()));
        List<Map<String, Object>> missing = new ArrayList<>();
        byKey.forEach((key, c) -> {
            if (!ids.containsKey(key)) {
                missing.add(Map.of("key", key, "code", c.code(), "nomenclature", c.system().nomenclature()));
            }
        });
        if (!missing.isEmpty()) {
            w.upsertNodes(GraphNames.CODE, missing);
            ids.putAll(graph.vertexIds(w.g(), GraphNames.CODE, missing.stream().map(m -> (String) m.get("key")).toList()));
        }
        return ids;
    }

    private void dropEvents(GraphTraversalSource g, java.util.Collection<Object> patients) {
        List<Object> all = new ArrayList<>(patients);
        for (int from = 0; from < all.size(); from += graph.keysPerLookup()) {
            g.V(all.subList(from, Math.min(all.size(), from + graph.keysPerLookup())).toArray()).out("HAD").drop().iterate();
        }
    }

    /**
     * One chain per group of patients: each patient created (or found and updated), then each of its
     * events created by a side effect that adds the event with its {@code HAD} edge and, nested, its
     * {@code CODED_AS} edges. Side effects keep the traverser on the patient, so the chain needs no
     * path labels (whose bookkeeping grows with the chain).
     */
    private void writePatients(GraphTraversalSource g, List<PatientJourney> batch, Map<String, Object> existing,
                               Map<String, Object> codes) {
        int budget = Math.min(EVENTS_PER_TRAVERSAL, graph.rowsPerTraversal());
        GraphTraversal<?, ?> t = null;
        int events = 0;
        for (PatientJourney j : batch) {
            Object id = existing.get(j.id().value());
            if (id == null) {
                t = t == null ? g.addV("Patient") : t.addV("Patient");
                t = t.property(VertexProperty.Cardinality.single, "id", j.id().value());
            } else {
                t = t == null ? g.V(id) : t.V(id);
            }
            t = demographics(t, j);
            int seq = 0;
            for (CareEvent ev : j.events()) {
                t = t.sideEffect(__.addE("HAD").to(event(j.id().value(), seq++, ev, codes)));
            }
            events += j.events().size() + 1;
            if (events >= budget) {
                t.iterate();
                t = null;
                events = 0;
            }
        }
        if (t != null) {
            t.iterate();
        }
    }

    private static GraphTraversal<?, ?> demographics(GraphTraversal<?, ?> t, PatientJourney j) {
        t = set(t, "birthDate", j.birthDate().orElse(null));
        t = set(t, "sex", (long) j.sex());
        t = set(t, "department", j.department());
        return set(t, "deathDate", j.deathDate().orElse(null));
    }

    /** A new event vertex with its properties and its {@code CODED_AS} edges, as the traversal that makes it. */
    private static GraphTraversal<?, ?> event(String patient, int seq, CareEvent ev, Map<String, Object> codes) {
        GraphTraversal<?, ?> t = __.addV("CareEvent");
        t = set(t, "id", GraphKeys.careEvent(patient, seq));
        t = set(t, "seq", (long) seq);
        t = set(t, "type", ev.type().name());
        t = set(t, "start", ev.start());
        t = set(t, "end", ev.end());
        t = set(t, "source", ev.source());
        t = set(t, "quantity", (long) ev.quantity());
        for (EventCode c : ev.codes()) {
            t = t.sideEffect(__.addE("CODED_AS").to(__.V(codes.get(c.key()))).property("role", c.role().name()));
        }
        return t;
    }

    /** Sets a vertex property, or removes it when the value is absent (as Cypher's {@code SET p.x = null}). */
    private static GraphTraversal<?, ?> set(GraphTraversal<?, ?> t, String name, Object value) {
        return value == null ? t.sideEffect(__.properties(name).drop())
                : t.property(VertexProperty.Cardinality.single, name, GremlinValues.encode(value));
    }

    private static void writeAliases(GremlinWriter w, List<PatientJourney> batch) {
        Map<String, Map<String, Object>> pseudonyms = new LinkedHashMap<>();
        List<RelationshipRow> aliases = new ArrayList<>();
        for (PatientJourney j : batch) {
            for (String alias : j.aliases()) {
                pseudonyms.putIfAbsent(alias, Map.of("key", alias, "system", GraphKeys.prefix(alias)));
                aliases.add(RelationshipRow.of(j.id().value(), alias));
            }
        }
        if (!aliases.isEmpty()) {
            w.upsertNodes(GraphNames.PSEUDONYM, new ArrayList<>(pseudonyms.values()));
            w.upsertRelationships(GraphNames.HAS_ALIAS, aliases);
        }
    }

    private static void writeProjects(GremlinWriter w, List<PatientJourney> batch) {
        Map<String, Map<String, Object>> projects = new LinkedHashMap<>();
        List<RelationshipRow> members = new ArrayList<>();
        for (PatientJourney j : batch) {
            for (ProjectCode project : j.projects()) {
                projects.putIfAbsent(project.value(), Map.of("key", project.value()));
                members.add(RelationshipRow.of(j.id().value(), project.value()));
            }
        }
        if (!members.isEmpty()) {
            w.upsertNodes(GraphNames.PROJECT, new ArrayList<>(projects.values()));
            w.upsertRelationships(GraphNames.IN_PROJECT, members);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public List<PatientId> projectMembers(ProjectCode project, Optional<PatientId> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return graph.read(g -> g.V().has("Project", "key", project.value()).in("IN_PROJECT")
                .has("id", P.gt(after.map(PatientId::value).orElse(""))).<String>values("id").order().limit(limit)
                .toList().stream().map(PatientId::new).toList());
    }

    @Override
    public Set<ProjectCode> projectsOf(PatientId patient) {
        return graph.read(g -> g.V().has("Patient", "id", patient.value()).out("IN_PROJECT").<String>values("key").toList()
                .stream().map(ProjectCode::new).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Override
    public Map<ProjectCode, Long> projects() {
        return graph.read(g -> {
            Map<ProjectCode, Long> out = new TreeMap<>();
            for (Map<String, Object> row : g.V().hasLabel("Project").<Object>project("k", "n").by("key").by(__.in("IN_PROJECT").count())
                    .toList()) {
                out.put(new ProjectCode(String.valueOf(row.get("k"))), ((Number) row.get("n")).longValue());
            }
            return out;
        });
    }

    @Override
    public List<PatientJourney> patients(Optional<PatientId> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return graph.read(g -> {
            List<Map<Object, Object>> page = g.V().hasLabel("Patient").has("id", P.gt(after.map(PatientId::value).orElse("")))
                    .order().by("id", Order.asc).limit(limit).elementMap().toList();
            if (page.isEmpty()) {
                return List.<PatientJourney>of();
            }
            Map<Object, List<Map<String, Object>>> eventsByPatient = new HashMap<>();
            List<Object> ids = page.stream().map(m -> m.get(T.id)).toList();
            for (int from = 0; from < ids.size(); from += graph.keysPerLookup()) {
                for (Map<String, Object> row : g.V(ids.subList(from, Math.min(ids.size(), from + graph.keysPerLookup())).toArray())
                        .as("p").out("HAD").as("e").<Object>select("p", "e").by(T.id)
                        .by(__.project("props", "codes").by(__.elementMap())
                                .by(__.outE("CODED_AS").project("k", "r").by(inV().values("key")).by("role").fold()))
                        .toList()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> event = (Map<String, Object>) row.get("e");
                    eventsByPatient.computeIfAbsent(row.get("p"), k -> new ArrayList<>()).add(event);
                }
            }
            List<PatientJourney> out = new ArrayList<>(page.size());
            for (Map<Object, Object> patient : page) {
                out.add(journey(GremlinValues.properties(patient), eventsByPatient.getOrDefault(patient.get(T.id), List.of())));
            }
            return out;
        });
    }

    @SuppressWarnings("unchecked")
    private static PatientJourney journey(Map<String, Object> p, List<Map<String, Object>> rows) {
        List<Map<String, Object>> sorted = new ArrayList<>();
        rows.forEach(r -> {
            Map<String, Object> props = GremlinValues.properties((Map<Object, Object>) r.get("props"));
            props.put("codes", r.get("codes"));
            sorted.add(props);
        });
        sorted.sort(Comparator.comparingLong(ev -> ((Number) ev.get("seq")).longValue()));
        List<CareEvent> events = new ArrayList<>(sorted.size());
        for (Map<String, Object> ev : sorted) {
            List<EventCode> codes = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) ev.get("codes")) {
                GraphKeys.Parts key = GraphKeys.split(String.valueOf(c.get("k")), ':');
                codes.add(new EventCode(CodeSystem.parse(key.prefix()), key.value(), CodeRole.valueOf(String.valueOf(c.get("r")))));
            }
            events.add(new CareEvent(EventType.valueOf((String) ev.get("type")), (LocalDate) ev.get("start"),
                    (LocalDate) ev.get("end"), (String) ev.get("source"), ((Number) ev.get("quantity")).intValue(), codes));
        }
        Number sex = (Number) p.get("sex");
        Object dept = p.get("department");
        return new PatientJourney(new PatientId((String) p.get("id")), List.of(),
                Optional.ofNullable((LocalDate) p.get("birthDate")), sex == null ? 0 : sex.intValue(),
                dept == null ? "" : dept.toString(), Optional.ofNullable((LocalDate) p.get("deathDate")), events);
    }
}
